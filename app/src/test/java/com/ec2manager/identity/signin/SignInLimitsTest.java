package com.ec2manager.identity.signin;

import java.time.Duration;
import java.time.Instant;

import com.ec2manager.limits.AttemptThrottle;
import com.ec2manager.localaws.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The lock-out holds up whoever guesses, where they guess from, and not the owner elsewhere. */
class SignInLimitsTest {

    static final String ADMIN = "admin@example.com";
    static final String ATTACKER = "198.51.100.7";
    static final String OWNER = "203.0.113.5";

    final MutableClock clock = MutableClock.at("2025-06-01T08:00:00Z");
    final SignInLimits limits = new SignInLimits(throttle(5), throttle(20), throttle(50));

    AttemptThrottle throttle(int free) {
        return new AttemptThrottle(clock, free, Duration.ofMinutes(1), Duration.ofMinutes(30), 1000);
    }

    @Test
    void fiveFailuresFromOneAddressHoldUpThatAddressOnTheAccountButNotTheOwnerElsewhere() {
        for (int i = 0; i < 5; i++) {
            assertThat(limits.check(ADMIN, ATTACKER)).isEmpty();
            limits.failed(ADMIN, ATTACKER);
        }
        assertThat(limits.check(ADMIN, ATTACKER)).hasValueSatisfying(refusal ->
                assertThat(refusal.retryAfter()).isEqualTo(Duration.ofMinutes(1)));
        assertThat(limits.check(ADMIN.toUpperCase(), ATTACKER)).as("the e-mail address in any case").isPresent();
        assertThat(limits.check(ADMIN, OWNER)).isEmpty();
        assertThat(limits.check("other@example.com", ATTACKER)).as("the address may still try other accounts").isEmpty();
    }

    @Test
    void anAttackerGuessingWheneverAllowedNeverHoldsUpTheOwnerWhoseSuccessDoesNotFreeTheAttacker() {
        for (int round = 0; round < 40; round++) {
            limits.check(ADMIN, ATTACKER).ifPresent(refusal -> clock.advance(refusal.retryAfter()));
            limits.failed(ADMIN, ATTACKER);
            assertThat(limits.check(ADMIN, OWNER)).as("round %d", round).isEmpty();
        }
        limits.succeeded(ADMIN, OWNER);
        assertThat(limits.check(ADMIN, ATTACKER)).isPresent();
    }

    @Test
    void twentyFailuresFromOneAddressOverManyAccountsHoldUpThatAddressOnEveryAccount() {
        for (int i = 0; i < 20; i++) {
            limits.failed("sprayed-" + i + "@example.com", ATTACKER);
        }
        assertThat(limits.check(ADMIN, ATTACKER)).isPresent();
        assertThat(limits.check(ADMIN, OWNER)).isEmpty();
    }

    @Test
    void fiftyFailuresOnOneAccountFromManyAddressesHoldUpTheAccountEverywhere() {
        for (int i = 0; i < 49; i++) {
            limits.failed(ADMIN, "198.51.100." + i);
        }
        assertThat(limits.check(ADMIN, OWNER)).isEmpty();
        limits.failed(ADMIN, "198.51.100.200");
        assertThat(limits.check(ADMIN, OWNER)).hasValueSatisfying(refusal -> {
            assertThat(refusal.retryAfter()).isEqualTo(Duration.ofMinutes(1));
            assertThat(refusal.first()).isTrue();
        });
        assertThat(limits.check("other@example.com", OWNER)).isEmpty();
    }

    @Test
    void aSuccessfulSignInStartsTheCountOfThatAccountFromThatAddressAgain() {
        for (int i = 0; i < 4; i++) {
            limits.failed(ADMIN, OWNER);
        }
        limits.succeeded(ADMIN, OWNER);
        for (int i = 0; i < 4; i++) {
            limits.failed(ADMIN, OWNER);
        }
        assertThat(limits.check(ADMIN, OWNER)).isEmpty();
    }

    /**
     * Cognito locks a user out on its own too: from the 5th failure in a row for 2^(n-5) seconds, at
     * most 15 minutes, and forgets the count after 15 minutes without an attempt. The attempts that
     * reach it are the ones this throttle lets through; one address guessing whenever allowed must
     * not make Cognito's lock-out, which holds up the owner everywhere, grow past a few seconds.
     */
    @Test
    void oneAddressGuessingWheneverAllowedKeepsCognitosOwnLockOutToSeconds() {
        CognitoLockOut cognito = new CognitoLockOut();
        Duration longest = Duration.ZERO;
        for (int attempt = 0; attempt < 200; attempt++) {
            limits.check(ADMIN, ATTACKER).ifPresent(refusal -> clock.advance(refusal.retryAfter()));
            cognito.waitOut(clock);
            Duration lockout = cognito.fail(clock.instant());
            longest = lockout.compareTo(longest) > 0 ? lockout : longest;
            limits.failed(ADMIN, ATTACKER);
        }
        assertThat(longest).isLessThanOrEqualTo(Duration.ofSeconds(16));
    }

    /** Cognito's documented per-user lock-out, as the Cognito emulator implements it. */
    static final class CognitoLockOut {
        int failures;
        Instant lockedUntil = Instant.MIN;
        Instant lastFailure = Instant.MIN;

        void waitOut(MutableClock clock) {
            if (clock.instant().isBefore(lockedUntil)) {
                clock.advance(Duration.between(clock.instant(), lockedUntil));
            }
        }

        Duration fail(Instant now) {
            Instant quietFrom = lockedUntil.isAfter(lastFailure) ? lockedUntil : lastFailure;
            if (!lastFailure.equals(Instant.MIN) && !now.isBefore(quietFrom.plus(Duration.ofMinutes(15)))) {
                failures = 0;
            }
            failures++;
            lastFailure = now;
            Duration lockout = failures < 5 ? Duration.ZERO
                    : Duration.ofSeconds(Math.min(1L << Math.min(failures - 5, 20), 900));
            lockedUntil = now.plus(lockout);
            return lockout;
        }
    }
}
