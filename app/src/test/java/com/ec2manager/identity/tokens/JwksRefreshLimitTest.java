package com.ec2manager.identity.tokens;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.ec2manager.localaws.testing.MutableClock;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JWKS is fetched at most once per {@code jwks-min-refresh}, the first fetch included. */
class JwksRefreshLimitTest {

    private static final Duration MIN_REFRESH = Duration.ofSeconds(30);

    private final MutableClock clock = MutableClock.at("2025-06-01T10:00:00Z");
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<JWKSet> published = new AtomicReference<>();
    private JWKSource<SecurityContext> keys;
    private RSAKey first;

    /** The pool's JWKS endpoint as a source that counts how often it is asked. */
    private final JWKSetSource<SecurityContext> endpoint = new JWKSetSource<>() {
        @Override
        public JWKSet getJWKSet(com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator evaluator, long currentTime,
                                SecurityContext context) {
            fetches.incrementAndGet();
            return published.get();
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void publishOneKey() throws JOSEException {
        first = new RSAKeyGenerator(2048).keyID("key-1").generate();
        published.set(new JWKSet(first.toPublicJWK()));
        keys = AccessTokenDecoder.keys(endpoint, MIN_REFRESH, clock);
    }

    @Test
    void unknownKeyIdsCauseAtMostOneFetchPerInterval() throws Exception {
        assertThat(select("key-1")).hasSize(1);
        assertThat(fetches).hasValue(1);

        // within the interval of the first fetch: unknown key ids are refused without a fetch
        clock.advance(Duration.ofSeconds(1));
        assertThat(select("forged-1")).isEmpty();
        assertThat(select("forged-2")).isEmpty();
        assertThat(fetches).hasValue(1);

        // past it: one fetch, and only one however many unknown key ids follow within the interval
        clock.advance(MIN_REFRESH);
        assertThat(select("forged-3")).isEmpty();
        assertThat(fetches).hasValue(2);
        clock.advance(Duration.ofSeconds(1));
        assertThat(select("forged-4")).isEmpty();
        clock.advance(MIN_REFRESH.minusSeconds(2));
        assertThat(select("forged-5")).isEmpty();
        assertThat(fetches).hasValue(2);

        // known keys are served from the cache all along
        assertThat(select("key-1")).hasSize(1);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aRotatedKeyIsFoundWithTheFirstFetchTheIntervalAllows() throws Exception {
        assertThat(select("key-1")).hasSize(1);
        RSAKey second = new RSAKeyGenerator(2048).keyID("key-2").generate();
        published.set(new JWKSet(List.of(first.toPublicJWK(), second.toPublicJWK())));

        clock.advance(Duration.ofSeconds(10));
        assertThat(select("key-2")).as("too soon after the first fetch").isEmpty();
        assertThat(fetches).hasValue(1);

        clock.advance(MIN_REFRESH);
        assertThat(select("key-2")).extracting(JWK::getKeyID).containsExactly("key-2");
        assertThat(fetches).hasValue(2);
        assertThat(select("key-2")).hasSize(1);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aTokenWithAnUnknownKeyIdWhileFetchingIsNotAllowedIsRefusedAsInvalid() throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("stranger").build(),
                new JWTClaimsSet.Builder().subject("someone").expirationTime(new java.util.Date(
                        System.currentTimeMillis() + 60_000)).build());
        token.sign(new RSASSASigner(stranger));

        // the first decode fetches; the next ones, within the interval, may not: each must still be a 401
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> decoder.decode(token.serialize())).isInstanceOf(BadJwtException.class);
        }
        assertThat(fetches).hasValue(1);
    }

    private List<JWK> select(String keyId) throws Exception {
        return keys.get(new JWKSelector(new JWKMatcher.Builder().keyID(keyId).build()), null);
    }
}
