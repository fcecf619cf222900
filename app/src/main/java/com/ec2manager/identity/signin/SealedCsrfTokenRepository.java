package com.ec2manager.identity.signin;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/**
 * Keeps the CSRF token in a sealed cookie instead of the HTTP session, so that a form served by
 * one instance may be posted to another. Unlike a plain double-submit cookie, the token is bound
 * to the signed-in person (sealed with their user name): a cookie planted from elsewhere, or a
 * token obtained in another person's session, does not match.
 */
public class SealedCsrfTokenRepository implements CsrfTokenRepository {

    static final String HEADER = "X-CSRF-TOKEN";
    static final String PARAMETER = "_csrf";
    private static final String SEPARATOR = "\n";

    private final SessionCookies cookies;

    public SealedCsrfTokenRepository(SessionCookies cookies) {
        this.cookies = cookies;
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return new DefaultCsrfToken(HEADER, PARAMETER, UUID.randomUUID().toString());
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        cookies.writeCsrf(response, token == null ? null : token.getToken() + SEPARATOR + binding(request));
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        return cookies.csrf(request)
                .map(value -> value.split(SEPARATOR, -1))
                .filter(parts -> parts.length == 2 && parts[1].equals(binding(request)))
                .map(parts -> (CsrfToken) new DefaultCsrfToken(HEADER, PARAMETER, parts[0]))
                .orElse(null);
    }

    /** The person the token is bound to: the session the authentication filter already opened, if any. */
    private static String binding(HttpServletRequest request) {
        return SessionAuthenticationFilter.sessionOf(request).map(WebSession::username).orElse("");
    }
}
