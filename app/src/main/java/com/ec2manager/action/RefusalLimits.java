package com.ec2manager.action;

import java.util.Optional;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;
import com.ec2manager.limits.AttemptThrottle;

/**
 * Limits refused attempts (a readonly person trying an action, a user administration they may not
 * do) per person and per client address, so that nobody can flood the audit trail with DENIED
 * records: past the free refusals each further one must wait ({@link AttemptThrottle}). A refusal
 * while waiting is answered as too many attempts; only the first of them is recorded.
 */
final class RefusalLimits {

    private final AttemptThrottle perPerson;
    private final AttemptThrottle perAddress;

    RefusalLimits(AttemptThrottle perPerson, AttemptThrottle perAddress) {
        this.perPerson = perPerson;
        this.perAddress = perAddress;
    }

    /** Empty when a refusal may be recorded now; else whether this is the first one held back. */
    Optional<AttemptThrottle.Refusal> check(String userId, String address) {
        Optional<AttemptThrottle.Refusal> person = perPerson.check("person:" + userId);
        return person.isPresent() ? person : perAddress.check("address:" + address);
    }

    /** Counts a refusal that was recorded. */
    void refused(String userId, String address) {
        perPerson.failed("person:" + userId);
        perAddress.failed("address:" + address);
    }

    /** A refusal held back: the person is to wait before trying again. */
    static final class TooManyRefusalsException extends ApplicationException {

        static final String CODE = "TooManyRefusals";

        TooManyRefusalsException() {
            super(FailureKind.TOO_MANY_ATTEMPTS, CODE, "Too many refused requests; wait a few minutes before trying again.");
        }
    }
}
