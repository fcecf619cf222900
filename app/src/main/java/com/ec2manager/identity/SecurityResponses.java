package com.ec2manager.identity;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.ec2manager.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the filter chain says no. The JSON API gets RFC 9457 problem JSON (401 with a
 * {@code WWW-Authenticate: Bearer} challenge, 403 for a wrong role); a browser is sent to the
 * sign-in page when not signed in and shown a page when not allowed.
 */
class SecurityResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final BearerTokenAuthenticationEntryPoint bearerChallenge = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();
    private final JsonMapper json;
    private final SpringTemplateEngine templates;
    private final List<HandlerMapping> controllers;

    SecurityResponses(JsonMapper json, SpringTemplateEngine templates, List<HandlerMapping> controllers,
                      String resourceMetadataUrl) {
        // the challenge names the configured address, never one built from the request's Host header
        bearerChallenge.setResourceMetadataParameterResolver(request -> resourceMetadataUrl);
        this.json = json;
        this.templates = templates;
        this.controllers = List.copyOf(controllers);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (isApi(request)) {
            bearerChallenge.commence(request, response, e); // sets 401 and WWW-Authenticate
            problem(request, response, HttpStatus.UNAUTHORIZED, "Unauthenticated",
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
        page(request, response, HttpStatus.UNAUTHORIZED, "Please sign in",
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
        if (isApi(request)) {
            if (!csrf) {
                bearerDenied.handle(request, response, e);
            }
            problem(request, response, HttpStatus.FORBIDDEN, "Forbidden", detail);
            return;
        }
        page(request, response, HttpStatus.FORBIDDEN, csrf ? "The form has expired" : "Not allowed", detail);
    }

    private void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String detail = "There is nothing at " + request.getRequestURI() + ".";
        if (isApi(request)) {
            problem(request, response, HttpStatus.NOT_FOUND, "Not Found", detail);
        } else {
            page(request, response, HttpStatus.NOT_FOUND, "Page not found", detail);
        }
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

    static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                         String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:ec2-manager:problem:" + title.replace(" ", ""));
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        body.put("code", title.replace(" ", ""));
        body.put("requestId", RequestIdFilter.idOf(request));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.writeValueAsString(body));
    }

    private void page(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                      String detail) throws IOException {
        Context context = new Context();
        context.setVariable("status", status.value());
        context.setVariable("title", title);
        context.setVariable("detail", detail);
        context.setVariable("requestId", RequestIdFilter.idOf(request));
        response.setStatus(status.value());
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(templates.process("identity/refused", context));
    }
}
