package com.ec2manager.identity.tokens;

import java.net.MalformedURLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.ec2manager.identity.cognito.CognitoPool;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the one decoder every Cognito access token goes through, from the API's Bearer header
 * and from the web session alike: RS256 only (so {@code alg: none} and HMAC tokens signed with
 * the public key are refused), keys from the pool's JWKS (cached; refetched when a token names
 * an unknown {@code kid}, at most once per {@code jwksMinRefresh}), the exact issuer,
 * {@code token_use=access} (an ID token is refused), an allow-listed {@code client_id}, expiry
 * with a small skew, a subject, and not revoked by a sign-out.
 */
public final class AccessTokenDecoder {

    private static final Logger log = LoggerFactory.getLogger(AccessTokenDecoder.class);
    static final Duration JWKS_CACHE = Duration.ofMinutes(15);

    private AccessTokenDecoder() {
    }

    public static JwtDecoder build(CognitoPool pool, Duration clockSkew, Duration jwksMinRefresh,
                            TokenRevocations revocations, CognitoTokenCheck cognito, Clock clock) {
        JWKSetSource<SecurityContext> download;
        try {
            download = new URLBasedJWKSetSource<>(pool.jwksUri().toURL(), new DefaultResourceRetriever(
                    JWKSourceBuilder.DEFAULT_HTTP_CONNECT_TIMEOUT, JWKSourceBuilder.DEFAULT_HTTP_READ_TIMEOUT,
                    JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT));
        } catch (MalformedURLException e) {
            throw new IllegalStateException("bad JWKS address " + pool.jwksUri(), e);
        }
        JWKSource<SecurityContext> keys = keys(download, jwksMinRefresh, clock);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        // the claims are checked by the validators below, with Spring's error reporting
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(validator(pool, clockSkew, revocations, cognito, clock));
        return decoder;
    }

    /**
     * The pool's keys: cached for {@link #JWKS_CACHE}, fetched again when a token names an unknown
     * {@code kid}, but at most once per {@code minRefresh} ({@link JwksFetchLimiter}). A token whose
     * key id is unknown while fetching is not allowed finds no key and is refused as invalid (401),
     * not as a failure of the server.
     */
    static JWKSource<SecurityContext> keys(JWKSetSource<SecurityContext> download, Duration minRefresh, Clock clock) {
        JWKSource<SecurityContext> cached = JWKSourceBuilder.create(new JwksFetchLimiter<>(download, minRefresh, clock))
                .cache(JWKS_CACHE.toMillis(), 15_000)
                .refreshAheadCache(false)
                .rateLimited(false)
                .retrying(false)
                .build();
        return (selector, context) -> {
            try {
                return cached.get(selector, context);
            } catch (RateLimitReachedException e) {
                log.debug("JWKS not fetched again yet: a token names an unknown key id");
                return List.of();
            }
        };
    }

    static OAuth2TokenValidator<Jwt> validator(CognitoPool pool, Duration clockSkew, TokenRevocations revocations,
                                               CognitoTokenCheck cognito, Clock clock) {
        JwtTimestampValidator expiry = new JwtTimestampValidator(clockSkew);
        expiry.setClock(clock);
        return new DelegatingOAuth2TokenValidator<>(List.of(
                expiry,
                new JwtIssuerValidator(pool.issuer()),
                claimIs("token_use", Set.of("access"), "not an access token"),
                claimIs("client_id", pool.allowedClientIds(), "issued to an app client that is not allowed"),
                jwt -> jwt.getExpiresAt() != null && jwt.getSubject() != null ? OAuth2TokenValidatorResult.success()
                        : failure("the token has no expiry or no subject"),
                notRevoked(revocations, cognito)));
    }

    private static OAuth2TokenValidator<Jwt> claimIs(String claim, Set<String> allowed, String description) {
        return jwt -> {
            Object value = jwt.getClaims().get(claim);
            return value instanceof String text && allowed.contains(text) ? OAuth2TokenValidatorResult.success()
                    : failure(description);
        };
    }

    /**
     * Not revoked: neither by a sign-out, disable or delete recorded by any instance (the token was
     * issued before it, or so near it — its second, or within the revocation skew after — that
     * Cognito had to be asked and no longer honours it), nor at Cognito
     * directly, as Cognito said at most {@code revocation-check-interval} ago. A check that cannot be
     * answered (DynamoDB's {@link RevocationCheckUnavailableException}, Cognito unreachable) is no
     * verdict on the token: it passes through the decoder (it is no JwtException), so the request is
     * answered 503 and the session is kept, not cleared.
     */
    private static OAuth2TokenValidator<Jwt> notRevoked(TokenRevocations revocations, CognitoTokenCheck cognito) {
        return jwt -> {
            TokenRevocations.Check check = revocations.check(jwt.getSubject(), jwt.getClaimAsString("origin_jti"),
                    jwt.getIssuedAt());
            boolean accepted = switch (check.verdict()) {
                case REVOKED -> false;
                case NEAR_REVOCATION -> cognito.acceptedAfter(jwt, check.revokedAt());
                case VALID -> cognito.accepted(jwt);
            };
            return accepted ? OAuth2TokenValidatorResult.success() : failure("the token was revoked");
        };
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
