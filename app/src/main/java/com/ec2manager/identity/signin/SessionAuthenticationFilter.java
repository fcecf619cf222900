package com.ec2manager.identity.signin;

import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;

import com.ec2manager.identity.cognito.CognitoGateway;
import com.ec2manager.identity.tokens.OperatorDirectory;

import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a browser from its sealed session cookie: the access token inside is verified
 * exactly like a Bearer token (signature, issuer, expiry, revocation) on every request, by any
 * instance. Shortly before it expires it is renewed with the refresh token and the cookie is
 * rewritten; a session that cannot be renewed (signed out, disabled) is dropped.
 */
public class SessionAuthenticationFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SessionAuthenticationFilter.class);
    static final String SESSION_ATTRIBUTE = SessionAuthenticationFilter.class.getName() + ".session";
    /** Renew a little before expiry, so a page's follow-up requests do not race the clock. */
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

    private final SessionCookies cookies;
    private final JwtDecoder decoder;
    private final CognitoGateway cognito;
    private final OperatorDirectory directory;
    private final Clock clock;
    private final SecurityContextRepository contexts;

    public SessionAuthenticationFilter(SessionCookies cookies, JwtDecoder decoder, CognitoGateway cognito,
                                OperatorDirectory directory, Clock clock, SecurityContextRepository contexts) {
        this.contexts = contexts;
        this.cookies = cookies;
        this.decoder = decoder;
        this.cognito = cognito;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // A request that brings its own Bearer token is the resource server's business.
        if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            cookies.session(request).ifPresent(session -> authenticate(session, request, response));
        }
        chain.doFilter(request, response);
    }

    private void authenticate(WebSession session, HttpServletRequest request, HttpServletResponse response) {
        WebSession current = session;
        if (expiresSoon(current.accessToken()) && current.refreshToken() != null) {
            try {
                current = current.withTokens(cognito.refresh(current.username(), current.refreshToken()));
                cookies.writeSession(response, current);
            } catch (RuntimeException e) {
                log.debug("session not renewed: {}", e.toString());
                cookies.clearSession(request, response);
                return;
            }
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(current.accessToken());
        } catch (JwtException e) {
            log.debug("session refused: {}", e.getMessage());
            cookies.clearSession(request, response);
            return;
        }
        request.setAttribute(SESSION_ATTRIBUTE, current);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(directory.authenticate(jwt, current.email()));
        SecurityContextHolder.setContext(context);
        // Known to the repository, the session is not taken for a fresh sign-in (which would rotate the CSRF token).
        contexts.saveContext(context, request, response);
    }

    private boolean expiresSoon(String token) {
        try {
            Date expiry = JWTParser.parse(token).getJWTClaimsSet().getExpirationTime();
            return expiry == null || !expiry.toInstant().isAfter(clock.instant().plus(RENEW_BEFORE));
        } catch (ParseException e) {
            return true;
        }
    }

    /** The session of a request authenticated by its cookie. */
    public static Optional<WebSession> sessionOf(HttpServletRequest request) {
        return Optional.ofNullable((WebSession) request.getAttribute(SESSION_ATTRIBUTE));
    }
}
