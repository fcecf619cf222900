package com.ec2manager.limits;

import java.time.Duration;

import com.ec2manager.localaws.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Backoff, not a hard lock: free attempts, then a wait that doubles up to a cap, then forgotten. */
class AttemptThrottleTest {

    final MutableClock clock = MutableClock.at("2025-06-01T08:00:00Z");
    final AttemptThrottle throttle = new AttemptThrottle(clock, 3, Duration.ofMinutes(1), Duration.ofMinutes(15), 1000);

    @Test
    void theFreeAttemptsGoAheadAndTheNextWaitsAMinute() {
        for (int i = 0; i < 2; i++) {
            throttle.failed("ada");
            assertThat(throttle.check("ada")).isEmpty();
        }
        throttle.failed("ada");
        assertThat(throttle.check("ada")).hasValueSatisfying(refusal -> {
            assertThat(refusal.retryAfter()).isEqualTo(Duration.ofMinutes(1));
            assertThat(refusal.first()).isTrue();
        });
        assertThat(throttle.check("ada")).hasValueSatisfying(refusal -> assertThat(refusal.first()).isFalse());
        assertThat(throttle.check("bob")).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.check("ada")).isEmpty();
    }

    @Test
    void eachFurtherFailureDoublesTheWaitUpToTheCap() {
        assertThat(throttle.waitAfter(2)).isZero();
        assertThat(throttle.waitAfter(3)).isEqualTo(Duration.ofMinutes(1));
        assertThat(throttle.waitAfter(4)).isEqualTo(Duration.ofMinutes(2));
        assertThat(throttle.waitAfter(6)).isEqualTo(Duration.ofMinutes(8));
        assertThat(throttle.waitAfter(7)).isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.waitAfter(500)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aCountIsForgottenOnceTheWaitAndTheLongestWaitHavePassedAndASuccessForgetsItAtOnce() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("ada");
            throttle.failed("bob");
        }
        clock.advance(Duration.ofMinutes(2).plus(Duration.ofMinutes(15)));
        throttle.failed("ada"); // counts from one again
        assertThat(throttle.check("ada")).isEmpty();
        throttle.succeeded("bob");
        assertThat(throttle.check("bob")).isEmpty();
    }
}
