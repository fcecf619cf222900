package com.ec2manager.identity.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Lets at most one JWKS fetch through per interval, the first one included. Nimbus's own
 * {@code RateLimitedJWKSetSource} lets two through per interval (it allows for a key rotation
 * right after a fetch), so a stream of tokens naming unknown key ids would cost Cognito twice
 * the configured rate. Time comes from the application's clock, not from Nimbus, so that the
 * limit can be tested.
 */
final class JwksFetchLimiter<C extends SecurityContext> extends JWKSetSourceWrapper<C> {

    private final Duration minInterval;
    private final Clock clock;
    private Instant nextAllowed;

    JwksFetchLimiter(JWKSetSource<C> source, Duration minInterval, Clock clock) {
        super(source);
        this.minInterval = minInterval;
        this.clock = clock;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, C context)
            throws KeySourceException {
        Instant now = clock.instant();
        synchronized (this) {
            if (nextAllowed != null && now.isBefore(nextAllowed)) {
                throw new RateLimitReachedException();
            }
            nextAllowed = now.plus(minInterval);
        }
        return getSource().getJWKSet(refreshEvaluator, currentTime, context);
    }
}
