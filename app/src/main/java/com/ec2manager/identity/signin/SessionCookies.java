package com.ec2manager.identity.signin;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * Reads and writes the application's sealed cookies: the session (split over several cookies
 * when it outgrows one), the pending sign-in challenge and the CSRF token. All are HttpOnly,
 * SameSite=Lax, path {@code /}, and Secure unless configured off for local plain HTTP.
 */
public class SessionCookies {

    public static final String SESSION = "ec2m_session";
    static final String PENDING = "ec2m_signin";
    static final String CSRF = "ec2m_csrf";
    /** Browsers keep about 4096 bytes per cookie, name and attributes included. */
    static final int CHUNK = 3800;
    public static final int MAX_CHUNKS = 6;
    static final Duration PENDING_LIFETIME = Duration.ofMinutes(3);

    private final CookieSealer sealer;
    private final Clock clock;
    private final boolean secure;
    private final Duration sessionLifetime;

    /** @param sessionLifetime how long a session cookie (and the CSRF token beside it) stays valid */
    public SessionCookies(CookieSealer sealer, Clock clock, boolean secure, Duration sessionLifetime) {
        this.sealer = sealer;
        this.clock = clock;
        this.secure = secure;
        this.sessionLifetime = sessionLifetime;
    }

    // --- session ---

    public Optional<WebSession> session(HttpServletRequest request) {
        StringBuilder sealed = new StringBuilder();
        for (int i = 0; i < MAX_CHUNKS; i++) {
            String part = cookie(request, chunkName(i));
            if (part == null) {
                break;
            }
            sealed.append(part);
        }
        return sealer.unseal(SESSION, sealed.toString()).flatMap(WebSession::deserialize);
    }

    /** Whether the request carries a session cookie at all (valid or not). */
    public boolean hasSession(HttpServletRequest request) {
        return cookie(request, SESSION) != null;
    }

    /**
     * Writes the session, sealed until a fixed time after sign-in: renewing its tokens rewrites the
     * cookie but never moves its end.
     */
    public void writeSession(HttpServletResponse response, WebSession session) {
        String sealed = sealer.seal(SESSION, session.serialize(), session.signedInAt().plus(sessionLifetime));
        List<String> parts = new ArrayList<>();
        for (int start = 0; start < sealed.length(); start += CHUNK) {
            parts.add(sealed.substring(start, Math.min(sealed.length(), start + CHUNK)));
        }
        if (parts.size() > MAX_CHUNKS) {
            throw new IllegalStateException("the session does not fit into " + MAX_CHUNKS + " cookies");
        }
        for (int i = 0; i < MAX_CHUNKS; i++) {
            if (i < parts.size()) {
                add(response, chunkName(i), parts.get(i), null);
            } else {
                add(response, chunkName(i), "", Duration.ZERO);
            }
        }
    }

    public void clearSession(HttpServletRequest request, HttpServletResponse response) {
        for (int i = 0; i < MAX_CHUNKS; i++) {
            if (cookie(request, chunkName(i)) != null) {
                add(response, chunkName(i), "", Duration.ZERO);
            }
        }
    }

    public static String chunkName(int index) {
        return index == 0 ? SESSION : SESSION + "_" + index;
    }

    // --- the sign-in waiting for a challenge's answer ---

    Optional<PendingSignIn> pending(HttpServletRequest request) {
        return sealer.unseal(PENDING, cookie(request, PENDING)).flatMap(PendingSignIn::deserialize);
    }

    void writePending(HttpServletResponse response, PendingSignIn pending) {
        add(response, PENDING, sealer.seal(PENDING, pending.serialize(), clock.instant().plus(PENDING_LIFETIME)),
                PENDING_LIFETIME);
    }

    void clearPending(HttpServletResponse response) {
        add(response, PENDING, "", Duration.ZERO);
    }

    // --- CSRF ---

    Optional<String> csrf(HttpServletRequest request) {
        return sealer.unseal(CSRF, cookie(request, CSRF));
    }

    void writeCsrf(HttpServletResponse response, String value) {
        if (value == null) {
            add(response, CSRF, "", Duration.ZERO);
        } else {
            add(response, CSRF, sealer.seal(CSRF, value, clock.instant().plus(sessionLifetime)), null);
        }
    }

    // ---

    private static String cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name)) {
                return cookie.getValue();
            }
        }
        return null;
    }

    private void add(HttpServletResponse response, String name, String value, Duration maxAge) {
        ResponseCookie.ResponseCookieBuilder cookie = ResponseCookie.from(name, value)
                .path("/").httpOnly(true).secure(secure).sameSite("Lax");
        if (maxAge != null) {
            cookie.maxAge(maxAge);
        }
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.build().toString());
    }
}
