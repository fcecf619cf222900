package com.ec2manager.identity.signin;

import java.time.Duration;
import java.util.Map;

import com.ec2manager.identity.IdentityProperties;
import com.ec2manager.identity.cognito.Tokens;
import com.ec2manager.localaws.testing.MutableClock;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code ec2manager.identity.session-lifetime}: how long a signed-in browser stays signed in. */
class SessionLifetimeTest {

    @Test
    void theSessionLifetimeIsTwelveHoursUnlessConfigured() {
        assertThat(bind(Map.of()).sessionLifetime()).isEqualTo(Duration.ofHours(12));
        assertThat(bind(Map.of("ec2manager.identity.session-lifetime", "90m")).sessionLifetime())
                .isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void aZeroSessionLifetimeIsRefusedAtStartUp() {
        assertThatThrownBy(() -> bind(Map.of("ec2manager.identity.session-lifetime", "0s")))
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause().hasMessageContaining("session-lifetime");
    }

    @Test
    void aSessionCookieOpensUntilTheConfiguredLifetimeHasPassed() {
        MutableClock clock = MutableClock.at("2025-06-01T08:00:00Z");
        SessionCookies cookies = new SessionCookies(new CookieSealer(CookieSealerTest.key(), clock), clock, false,
                Duration.ofMinutes(90));
        MockHttpServletResponse response = new MockHttpServletResponse();
        cookies.writeSession(response, new WebSession("access", "refresh", "ada", "ada@example.com", clock.instant()));
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setCookies(response.getCookies());
        assertThat(response.getCookies()).extracting(Cookie::getName).contains(SessionCookies.SESSION);

        clock.advance(Duration.ofMinutes(89));
        assertThat(cookies.session(request)).map(WebSession::email).contains("ada@example.com");
        clock.advance(Duration.ofMinutes(2));
        assertThat(cookies.session(request)).isEmpty();
    }

    @Test
    void renewingTheTokensShortlyBeforeTheEndDoesNotMoveTheEndOfTheSession() {
        MutableClock clock = MutableClock.at("2025-06-01T08:00:00Z");
        SessionCookies cookies = new SessionCookies(new CookieSealer(CookieSealerTest.key(), clock), clock, false,
                Duration.ofHours(12));
        WebSession session = new WebSession("access", "refresh", "ada", "ada@example.com", clock.instant());
        clock.advance(Duration.ofHours(11).plusMinutes(55));
        // what the session filter does when the access token is renewed
        MockHttpServletResponse renewed = new MockHttpServletResponse();
        cookies.writeSession(renewed, session.withTokens(new Tokens("access-2", null, null)));
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setCookies(renewed.getCookies());
        assertThat(cookies.session(request)).map(WebSession::accessToken).contains("access-2");

        clock.advance(Duration.ofMinutes(5));
        assertThat(cookies.session(request)).isEmpty();
    }

    private static IdentityProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("ec2manager.identity", IdentityProperties.class);
    }
}
