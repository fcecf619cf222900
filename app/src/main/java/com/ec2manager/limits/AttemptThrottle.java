package com.ec2manager.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Counts failed (or refused) attempts per key — an account, a person, a client address — and
 * makes a key that has used up its free attempts wait before the next one: {@code firstWait},
 * doubling with every further failure, at most {@code maxWait}. A key's count is forgotten
 * once the wait after its last failure and then {@code maxWait} have passed. Backoff rather than a hard lock: whoever owns the key
 * gets in again after the wait, and an attacker gains only a few tries an hour.
 *
 * <p>Counts live in this process (bounded, see {@code maxKeys}); with several instances each one
 * counts on its own.
 */
public final class AttemptThrottle {

    /**
     * An attempt that must wait.
     *
     * @param retryAfter how long until the next attempt may go ahead
     * @param first whether this is the first refusal since the last counted failure (worth recording;
     *              the ones after it are not, or a flood of refusals would flood the audit trail)
     */
    public record Refusal(Duration retryAfter, boolean first) {
    }

    private record Failures(int count, Instant last, boolean refused) {
    }

    private final Clock clock;
    private final int freeAttempts;
    private final Duration firstWait;
    private final Duration maxWait;
    private final Cache<String, Failures> failures;

    public AttemptThrottle(Clock clock, int freeAttempts, Duration firstWait, Duration maxWait, long maxKeys) {
        if (freeAttempts < 1 || firstWait.isNegative() || firstWait.isZero() || maxWait.compareTo(firstWait) < 0) {
            throw new IllegalArgumentException("a throttle needs at least one free attempt and 0 < firstWait <= maxWait");
        }
        this.clock = clock;
        this.freeAttempts = freeAttempts;
        this.firstWait = firstWait;
        this.maxWait = maxWait;
        this.failures = Caffeine.newBuilder().maximumSize(maxKeys)
                .expireAfterWrite(maxWait.multipliedBy(2).toNanos(), TimeUnit.NANOSECONDS)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /** Empty when an attempt for this key may go ahead now; otherwise how long it must wait. */
    public Optional<Refusal> check(String key) {
        Instant now = clock.instant();
        Refusal[] refusal = new Refusal[1];
        failures.asMap().computeIfPresent(key, (k, f) -> {
            if (forgotten(f, now)) {
                return null;
            }
            if (f.count() < freeAttempts) {
                return f;
            }
            Duration wait = Duration.between(now, f.last().plus(waitAfter(f.count())));
            if (wait.isNegative() || wait.isZero()) {
                return f;
            }
            refusal[0] = new Refusal(wait, !f.refused());
            return new Failures(f.count(), f.last(), true);
        });
        return Optional.ofNullable(refusal[0]);
    }

    /** Counts a failed attempt. */
    public void failed(String key) {
        Instant now = clock.instant();
        failures.asMap().compute(key, (k, f) -> f == null || forgotten(f, now)
                ? new Failures(1, now, false) : new Failures(f.count() + 1, now, false));
    }

    /** Forgets the key's failures (a successful sign-in). */
    public void succeeded(String key) {
        failures.invalidate(key);
    }

    /** The wait after the {@code count}th failure: none while free, then firstWait doubling up to maxWait. */
    Duration waitAfter(int count) {
        if (count < freeAttempts) {
            return Duration.ZERO;
        }
        int doublings = Math.min(count - freeAttempts, 30);
        Duration wait = firstWait.multipliedBy(1L << doublings);
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }

    private boolean forgotten(Failures f, Instant now) {
        return !now.isBefore(f.last().plus(maxWait).plus(waitAfter(f.count())));
    }
}
