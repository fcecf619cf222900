package com.ec2manager.web;

import java.util.Optional;

/**
 * Limits refused attempts (a readonly person trying an action, a user administration they may not
 * do) per person and per client address, so that nobody can flood the audit trail with DENIED
 * records: past the free refusals each further one must wait ({@link AttemptThrottle}). A refusal
 * while waiting answers 429; only the first of them is recorded.
 */
public final class RefusalLimits {

    private final AttemptThrottle perPerson;
    private final AttemptThrottle perAddress;

    public RefusalLimits(AttemptThrottle perPerson, AttemptThrottle perAddress) {
        this.perPerson = perPerson;
        this.perAddress = perAddress;
    }

    /** Empty when a refusal may be recorded now; else whether this is the first one held back. */
    public Optional<AttemptThrottle.Refusal> check(String userId, String address) {
        Optional<AttemptThrottle.Refusal> person = perPerson.check("person:" + userId);
        return person.isPresent() ? person : perAddress.check("address:" + address);
    }

    /** Counts a refusal that was recorded. */
    public void refused(String userId, String address) {
        perPerson.failed("person:" + userId);
        perAddress.failed("address:" + address);
    }

    /** The answer to a refusal held back: 429, to be tried again later. */
    public static ApplicationException tooMany() {
        return new TooManyRefusalsException();
    }

    private static final class TooManyRefusalsException extends ApplicationException {
        TooManyRefusalsException() {
            super(org.springframework.http.HttpStatus.TOO_MANY_REQUESTS, "TooManyRefusals",
                    "Too many refused requests; wait a few minutes before trying again.");
        }
    }
}
