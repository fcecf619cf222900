package com.ec2manager.identity.security;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.ec2manager.failure.FailureKind;
import com.ec2manager.failure.NotPermittedException;
import com.ec2manager.identity.signin.Redirects;
import com.ec2manager.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerMapping;

/**
 * How the filter chain says no, through the one {@link ProblemWriter}: the JSON API gets RFC 9457
 * problem JSON (401 with a {@code WWW-Authenticate: Bearer} challenge, 403 for a wrong role); a
 * browser is sent to the sign-in page when not signed in and shown the error page otherwise.
 */
class SecurityResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final String UNAUTHENTICATED = "Unauthenticated";

    private final BearerTokenAuthenticationEntryPoint bearerChallenge = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();
    private final ProblemWriter problems;
    private final List<HandlerMapping> controllers;

    SecurityResponses(ProblemWriter problems, List<HandlerMapping> controllers, String resourceMetadataUrl) {
        // the challenge names the configured address, never one built from the request's Host header
        bearerChallenge.setResourceMetadataParameterResolver(request -> resourceMetadataUrl);
        this.problems = problems;
        this.controllers = List.copyOf(controllers);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (ProblemWriter.isApi(request)) {
            bearerChallenge.commence(request, response, e); // sets 401 and WWW-Authenticate
            problem(request, response, FailureKind.UNAUTHENTICATED, "Unauthenticated", UNAUTHENTICATED,
                    request.getHeader(HttpHeaders.AUTHORIZATION) == null
                            ? "Send a Cognito access token as a Bearer token."
                            : "The access token is not valid: expired, revoked, forged or issued for something else.");
            return;
        }
        if ("GET".equals(request.getMethod())) {
            String target = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            // an address longer than sign-in would go back to is not worth a header that large
            response.sendRedirect(request.getContextPath() + "/sign-in" + (target.length() > Redirects.MAX_NEXT ? ""
                    : "?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8)));
            return;
        }
        problem(request, response, FailureKind.UNAUTHENTICATED, "Please sign in", UNAUTHENTICATED,
                "Your session has ended. Sign in again, then repeat what you were doing.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        boolean csrf = e.getClass().getSimpleName().contains("Csrf");
        if (!csrf && signedIn() && !routeExists(request)) {
            // Deny-by-default still guards every real route nobody listed; a mistyped address
            // is simply not there, and saying "your role does not allow this" would mislead.
            notFound(request, response);
            return;
        }
        String detail = csrf ? "The form had expired or came from elsewhere. Reload the page and try again."
                : "Your role does not allow this.";
        if (ProblemWriter.isApi(request) && !csrf) {
            bearerDenied.handle(request, response, e);
        }
        problem(request, response, FailureKind.NOT_PERMITTED, csrf ? "The form has expired" : "Forbidden",
                csrf ? "InvalidCsrfToken" : NotPermittedException.CODE, detail);
    }

    private void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        problem(request, response, FailureKind.NOT_FOUND, "Not Found", "NotFound",
                "There is nothing at " + request.getRequestURI() + ".");
    }

    private static boolean signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }

    /** Whether any controller method answers this path (with any method: a wrong method is still a real route). */
    private boolean routeExists(HttpServletRequest request) {
        for (HandlerMapping mapping : controllers) {
            try {
                if (mapping.getHandler(request) != null) {
                    return true;
                }
            } catch (Exception matchedButRefused) {
                // e.g. HttpRequestMethodNotSupportedException: the path exists
                return true;
            }
        }
        return false;
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, FailureKind kind, String title,
                         String code, String detail) throws IOException {
        problems.write(request, response, kind, title, detail, code);
    }
}
