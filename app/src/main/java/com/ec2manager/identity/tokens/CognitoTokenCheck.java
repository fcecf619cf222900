package com.ec2manager.identity.tokens;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.ec2manager.identity.cognito.CognitoGateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Asks Cognito whether it still honours an access token (GetUser with the token), at most once
 * per {@code interval} for each token. What is done at Cognito directly — a GlobalSignOut, an
 * AdminDisableUser, a deletion — reaches the application no other way; this bounds how long such
 * a person keeps access to {@code interval}. Cognito's answer is kept per token id ({@code jti}).
 */
public final class CognitoTokenCheck {

    private final CognitoGateway cognito;
    private final Clock clock;
    private final Cache<String, Boolean> verdicts;

    public CognitoTokenCheck(CognitoGateway cognito, Clock clock, Duration interval) {
        this.cognito = cognito;
        this.clock = clock;
        this.verdicts = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterWrite(interval.toNanos(), TimeUnit.NANOSECONDS)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /** Cognito's answer, at most {@code interval} old. */
    boolean accepted(Jwt token) {
        if (expired(token)) {
            return lastWord(token);
        }
        return verdicts.get(key(token), k -> cognito.accepts(token.getTokenValue()));
    }

    /**
     * Cognito's answer on a token issued near a revocation (of the moment {@code revokedAt}): asked
     * once after that revocation, whatever was kept from before it, and then kept like any answer,
     * for that revocation only — a later one asks again.
     */
    boolean acceptedAfter(Jwt token, long revokedAt) {
        String key = key(token) + "@revoked:" + revokedAt;
        Boolean kept = verdicts.getIfPresent(key);
        if (kept != null) {
            return kept;
        }
        if (expired(token)) {
            // Cognito would refuse it for its age alone; without a word since the revocation, it is refused
            return false;
        }
        boolean accepted = cognito.accepts(token.getTokenValue());
        verdicts.put(key, accepted);
        if (!accepted) {
            verdicts.put(key(token), false);
        }
        return accepted;
    }

    /**
     * Past its expiry (still within the clock skew the application allows) Cognito refuses a token
     * for its age alone; what it said last stands, for the few seconds of skew.
     */
    private boolean expired(Jwt token) {
        return token.getExpiresAt() != null && !token.getExpiresAt().isAfter(clock.instant());
    }

    private boolean lastWord(Jwt token) {
        return !Boolean.FALSE.equals(verdicts.getIfPresent(key(token)));
    }

    private static String key(Jwt token) {
        String jti = token.getId();
        return jti != null ? jti : token.getTokenValue();
    }
}
