package com.ec2manager.identity.tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.ec2manager.identity.cognito.CognitoGateway;
import com.ec2manager.localaws.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import static com.ec2manager.identity.tokens.TokenRevocations.Verdict.NEAR_REVOCATION;
import static com.ec2manager.identity.tokens.TokenRevocations.Verdict.REVOKED;
import static com.ec2manager.identity.tokens.TokenRevocations.Verdict.VALID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token's issue time is Cognito's clock in whole seconds, a revocation's the application's: a
 * token issued near a revocation is asked about at Cognito, once per revocation.
 */
class RevocationWindowTest {

    static final long REVOKED_AT = 1_750_000_000L;
    static final Duration SKEW = Duration.ofSeconds(5);

    @Test
    void aTokenIssuedBeforeTheRevocationsSecondIsRevoked() {
        assertThat(TokenRevocations.verdict(REVOKED_AT, Instant.ofEpochSecond(REVOKED_AT - 1), SKEW)).isEqualTo(REVOKED);
        assertThat(TokenRevocations.verdict(REVOKED_AT, null, SKEW)).as("no issue time").isEqualTo(REVOKED);
    }

    @Test
    void aTokenIssuedInTheRevocationsSecondOrUpToTheSkewAfterIsAskedAboutAtCognito() {
        for (long after = 0; after <= 5; after++) {
            assertThat(TokenRevocations.verdict(REVOKED_AT, Instant.ofEpochSecond(REVOKED_AT + after), SKEW))
                    .as("%d s after", after).isEqualTo(NEAR_REVOCATION);
        }
        assertThat(TokenRevocations.verdict(REVOKED_AT, Instant.ofEpochSecond(REVOKED_AT + 6), SKEW)).isEqualTo(VALID);
    }

    @Test
    void aSkewOfPartSecondsCountsAsTheWholeSecondsItReaches() {
        Duration skew = Duration.ofMillis(1500);
        assertThat(TokenRevocations.verdict(REVOKED_AT, Instant.ofEpochSecond(REVOKED_AT + 2), skew)).isEqualTo(NEAR_REVOCATION);
        assertThat(TokenRevocations.verdict(REVOKED_AT, Instant.ofEpochSecond(REVOKED_AT + 3), skew)).isEqualTo(VALID);
        assertThat(TokenRevocations.verdict(REVOKED_AT, Instant.ofEpochSecond(REVOKED_AT + 1), Duration.ZERO)).isEqualTo(VALID);
    }

    @Test
    void cognitosWordOnATokenNearARevocationIsKeptForTheIntervalAndAskedAgainForALaterRevocation() {
        MutableClock clock = MutableClock.at("2025-06-15T15:06:40Z");
        CountingCognito cognito = new CountingCognito(true);
        CognitoTokenCheck check = new CognitoTokenCheck(cognito, clock, Duration.ofMinutes(4));
        Jwt token = token(clock.instant());

        assertThat(check.accepted(token)).isTrue();
        assertThat(cognito.asked).hasValue(1);
        assertThat(check.acceptedAfter(token, REVOKED_AT)).as("what was said before the revocation does not count").isTrue();
        assertThat(cognito.asked).hasValue(2);
        for (int i = 0; i < 5; i++) {
            assertThat(check.acceptedAfter(token, REVOKED_AT)).isTrue();
        }
        assertThat(cognito.asked).as("kept like any answer").hasValue(2);
        assertThat(check.acceptedAfter(token, REVOKED_AT + 3)).isTrue();
        assertThat(cognito.asked).as("a later revocation asks again").hasValue(3);
        clock.advance(Duration.ofMinutes(4));
        assertThat(check.acceptedAfter(token, REVOKED_AT)).isTrue();
        assertThat(cognito.asked).as("the interval over").hasValue(4);
    }

    @Test
    void aTokenCognitoRefusesNearARevocationIsRefusedFromThenOn() {
        MutableClock clock = MutableClock.at("2025-06-15T15:06:40Z");
        CountingCognito cognito = new CountingCognito(false);
        CognitoTokenCheck check = new CognitoTokenCheck(cognito, clock, Duration.ofMinutes(4));
        Jwt token = token(clock.instant());
        assertThat(check.acceptedAfter(token, REVOKED_AT)).isFalse();
        assertThat(check.accepted(token)).isFalse();
        assertThat(cognito.asked).hasValue(1);
    }

    private static Jwt token(Instant issuedAt) {
        return new Jwt("token-value", issuedAt, issuedAt.plus(Duration.ofHours(1)), Map.of("alg", "RS256"),
                Map.of("sub", "sub-1", "jti", "jti-1"));
    }

    /** Cognito answering GetUser the same way every time, counting the questions. */
    static final class CountingCognito extends CognitoGateway {
        final AtomicInteger asked = new AtomicInteger();
        final boolean accepts;

        CountingCognito(boolean accepts) {
            super(null, null);
            this.accepts = accepts;
        }

        @Override
        public boolean accepts(String accessToken) {
            asked.incrementAndGet();
            return accepts;
        }
    }
}
