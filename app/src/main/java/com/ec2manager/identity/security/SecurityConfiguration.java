package com.ec2manager.identity.security;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import javax.crypto.SecretKey;

import com.ec2manager.aws.AwsEndpoints;
import com.ec2manager.aws.MadeAtStart;
import com.ec2manager.aws.ModeDefaults;
import com.ec2manager.identity.IdentityProperties;
import com.ec2manager.identity.cognito.CognitoGateway;
import com.ec2manager.identity.cognito.CognitoPool;
import com.ec2manager.identity.cognito.CognitoPoolResolver;
import com.ec2manager.identity.signin.CookieSealer;
import com.ec2manager.identity.signin.SealedCsrfTokenRepository;
import com.ec2manager.identity.signin.SessionAuthenticationFilter;
import com.ec2manager.identity.signin.SessionCookies;
import com.ec2manager.identity.signin.SessionKey;
import com.ec2manager.identity.signin.SignInLimits;
import com.ec2manager.identity.tokens.AccessTokenDecoder;
import com.ec2manager.identity.tokens.CognitoTokenCheck;
import com.ec2manager.identity.tokens.OperatorDirectory;
import com.ec2manager.identity.tokens.TokenRevocations;
import com.ec2manager.limits.AttemptThrottle;
import com.ec2manager.web.ConsoleProperties;
import com.ec2manager.web.FailureFilter;
import com.ec2manager.web.ProblemWriter;
import com.ec2manager.web.RequestGuardFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Who may reach what, and how a request proves who it is.
 *
 * <p>Two ways in, one decoder: the JSON API takes a Cognito access token as a Bearer token; a
 * browser carries the same kind of token in a sealed session cookie. No HTTP session is ever
 * created, so any instance may serve any request. Every route not listed here is denied.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** No inline script or style anywhere: templates use /css and /js files only. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    CognitoPool cognitoPool(IdentityProperties identity, ModeDefaults mode) {
        return CognitoPoolResolver.resolve(identity, mode);
    }

    @Bean
    CognitoGateway cognitoGateway(CognitoIdentityProviderClient cognito, CognitoPool pool) {
        return new CognitoGateway(cognito, pool);
    }

    @Bean
    TokenRevocations tokenRevocations(DynamoDbClient dynamoDb, IdentityProperties identity, Clock clock) {
        return new TokenRevocations(dynamoDb, identity.revocationTable(), clock, identity.revocationSkew());
    }

    @Bean(bootstrap = Bean.Bootstrap.BACKGROUND)
    MadeAtStart tokenRevocationTable(TokenRevocations revocations, IdentityProperties identity, ModeDefaults mode) {
        return MadeAtStart.ifModeMakes(mode, identity.revocationTable(), revocations::createTableIfMissing);
    }

    @Bean
    JwtDecoder accessTokenDecoder(CognitoPool pool, IdentityProperties identity, TokenRevocations revocations,
                                  CognitoGateway cognito, Clock clock) {
        return AccessTokenDecoder.build(pool, identity.clockSkew(), identity.jwksMinRefresh(), revocations,
                new CognitoTokenCheck(cognito, clock, identity.revocationCheckInterval()), clock);
    }

    /** A request the firewall refuses (e.g. a line break in a parameter name) is bad input: 400, rendered by web. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return new HttpStatusRequestRejectedHandler(HttpStatus.BAD_REQUEST.value());
    }

    @Bean
    SignInLimits signInLimits(IdentityProperties identity, Clock clock) {
        return new SignInLimits(
                throttle(identity.lockoutAttemptsPerAccountAndAddress(), identity, clock),
                throttle(identity.lockoutAttemptsPerAddress(), identity, clock),
                throttle(identity.lockoutAttemptsPerAccount(), identity, clock));
    }

    private static AttemptThrottle throttle(int freeAttempts, IdentityProperties identity, Clock clock) {
        return new AttemptThrottle(clock, freeAttempts, identity.lockoutFirstWait(), identity.lockoutMaxWait(), 100_000);
    }

    @Bean
    OperatorDirectory operatorDirectory(CognitoGateway cognito) {
        return new OperatorDirectory(cognito);
    }

    @Bean
    SessionCookies sessionCookies(IdentityProperties identity, ModeDefaults mode, Clock clock) {
        SecretKey key;
        if (identity.sessionSecret() != null && !identity.sessionSecret().isBlank()) {
            key = SessionKey.fromConfiguration(identity.sessionSecret());
        } else {
            key = mode.secretsFolder().map(SessionKey::inDataFolder).orElseThrow(() -> new IllegalStateException("ec2manager.identity.session-secret is required in aws mode "
                    + "(the same on every instance): make one with openssl rand -base64 32"));
        }
        boolean secure = identity.secureCookies() != null ? identity.secureCookies() : mode.secureCookies();
        return new SessionCookies(new CookieSealer(key, clock), clock, secure, identity.sessionLifetime());
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SessionCookies cookies, JwtDecoder decoder,
                                            CognitoGateway cognito, OperatorDirectory directory,
                                            ProblemWriter problems, Clock clock, CognitoPool pool,
                                            ConsoleProperties console, ModeDefaults mode,
                                            ObjectProvider<RequestMappingHandlerMapping> controllers) throws Exception {
        List<HandlerMapping> routes = List.copyOf(controllers.orderedStream().toList());
        // never the request's Host header: a configured address (RFC 9728 metadata and challenges name it)
        String baseUrl = console.externalBaseUrl(mode);
        SecurityResponses responses = new SecurityResponses(problems, routes, baseUrl + METADATA_PATH);
        // the security context lives for one request only: nothing is kept between requests on any instance
        SecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();
        http
            .securityContext(context -> context.securityContextRepository(contexts))
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .formLogin(form -> form.disable())
            .httpBasic(basic -> basic.disable())
            .logout(logout -> logout.disable())
            .anonymous(anonymous -> { })
            // CSRF guards ambient authority (the session cookie); an API call without one has nothing to forge
            .csrf(csrf -> csrf.csrfTokenRepository(new SealedCsrfTokenRepository(cookies))
                    .requireCsrfProtectionMatcher(request -> CsrfFilter.DEFAULT_CSRF_MATCHER.matches(request)
                            && (!ProblemWriter.isApi(request) || cookies.hasSession(request))))
            // a filter's failure of a known kind (DynamoDB down during a token check) answers by its kind, not 500
            .addFilterBefore(new FailureFilter(problems), SecurityContextHolderFilter.class)
            .addFilterBefore(new SessionAuthenticationFilter(cookies, decoder, cognito, directory,
                    clock, contexts), CsrfFilter.class)
            .addFilterAfter(new EagerCsrfTokenFilter(), CsrfFilter.class)
            // malformed and oversized requests are refused before anything reads them, with the security headers
            .addFilterAfter(new RequestGuardFilter(problems), HeaderWriterFilter.class)
            .oauth2ResourceServer(resource -> resource
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(token -> directory.authenticate(token, null)))
                    // what the API really takes: Cognito access tokens in the Authorization header, not certificate-bound
                    .protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(claims -> claims
                            .resource(baseUrl)
                            .authorizationServers(servers -> {
                                servers.clear();
                                servers.add(pool.issuer());
                            })
                            .bearerMethods(methods -> {
                                methods.clear();
                                methods.add("header");
                            })
                            .tlsClientCertificateBoundAccessTokens(false)
                            .resourceName("EC2 Manager")))
                    .authenticationEntryPoint(responses)
                    .accessDeniedHandler(responses))
            .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(responses).accessDeniedHandler(responses))
            .headers(headers -> headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .frameOptions(frame -> frame.deny())
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                    .permissionsPolicyHeader(permissions -> permissions.policy("camera=(), microphone=(), geolocation=()")))
            .authorizeHttpRequests(authorize -> authorize
                    // error pages rendered for requests that were already authorized
                    .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                    // which methods a route has is no secret (the API's description lists them)
                    .requestMatchers(HttpMethod.OPTIONS).permitAll()
                    // public: signing in, recovering a password, static files, liveness
                    .requestMatchers(read("/sign-in", "/sign-in/new-password", "/sign-in/mfa",
                            "/forgot-password", "/forgot-password/confirm")).permitAll()
                    .requestMatchers(HttpMethod.POST, "/sign-in", "/sign-in/new-password", "/sign-in/mfa",
                            "/forgot-password", "/forgot-password/confirm").permitAll()
                    .requestMatchers(read("/css/**", "/js/**", "/images/**", "/webjars/**",
                            "/favicon.ico", "/favicon.svg")).permitAll()
                    // the JSON API's description and its page (console)
                    .requestMatchers(read("/api", "/api/*.yaml")).permitAll()
                    .requestMatchers(read("/actuator/health", "/actuator/health/**", "/actuator/info")).permitAll()
                    .requestMatchers(read(METADATA_PATH)).permitAll()
                    .requestMatchers("/error").permitAll()
                    // signed in, either role
                    .requestMatchers(HttpMethod.POST, "/sign-out").authenticated()
                    .requestMatchers(read("/account", "/account/mfa")).authenticated()
                    .requestMatchers(HttpMethod.POST, "/account/password", "/account/mfa", "/account/mfa/disable").authenticated()
                    .requestMatchers(read("/", "/dashboard/**", "/instances", "/instances/**", "/audit", "/audit/**")).authenticated()
                    // audit trail integrity: the controller admits administrators only (and audits acknowledgements)
                    .requestMatchers(read("/integrity", "/integrity/**")).authenticated()
                    .requestMatchers(HttpMethod.POST, "/integrity/verify", "/integrity/alarms/*/acknowledge").authenticated()
                    .requestMatchers(read("/api/v1/me", "/api/v1/accounts", "/api/v1/instances", "/api/v1/instances/**",
                            "/api/v1/audit", "/api/v1/audit/**")).authenticated()
                    // actions: the services refuse a readonly operator themselves, so that the denial is audited
                    .requestMatchers(HttpMethod.POST, "/instances/**", "/api/v1/instances/**").authenticated()
                    .requestMatchers(HttpMethod.POST, "/users", "/users/**", "/api/v1/users", "/api/v1/users/**").authenticated()
                    .requestMatchers(HttpMethod.DELETE, "/api/v1/users/**").authenticated()
                    // approvals: everyone signed in may look; the service refuses (and audits) a readonly decision or change
                    .requestMatchers(read("/approvals", "/approvals/**", "/api/v1/approvals", "/api/v1/approvals/**",
                            "/api/v1/approval-policies")).authenticated()
                    .requestMatchers(HttpMethod.POST, "/approvals/**", "/api/v1/approvals/*/approve",
                            "/api/v1/approvals/*/reject", "/api/v1/approval-policies").authenticated()
                    .requestMatchers(HttpMethod.PUT, "/api/v1/approval-policies/*").authenticated()
                    .requestMatchers(HttpMethod.DELETE, "/api/v1/approval-policies/*").authenticated()
                    // schedules: the same — everyone signed in may look, the service refuses (and audits) a readonly change
                    .requestMatchers(read("/schedules", "/schedules/**", "/api/v1/schedules", "/api/v1/schedules/**")).authenticated()
                    .requestMatchers(HttpMethod.POST, "/schedules", "/schedules/*", "/schedules/*/delete", "/schedules/*/overrides",
                            "/api/v1/schedules", "/api/v1/schedules/*/overrides").authenticated()
                    .requestMatchers(HttpMethod.PUT, "/api/v1/schedules/*").authenticated()
                    .requestMatchers(HttpMethod.DELETE, "/api/v1/schedules/*").authenticated()
                    // user administration pages and lists: administrators only
                    .requestMatchers(read("/users", "/users/**", "/api/v1/users", "/api/v1/users/**")).hasRole("ADMIN")
                    // deny by default, except a method no controller has at this path: Spring MVC answers 405
                    .anyRequest().access((authentication, context) ->
                            new AuthorizationDecision(onlyOtherMethods(routes, context.getRequest()))));
        return http.build();
    }

    static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

    /** GET and HEAD (which Spring MVC serves from the GET handler) of these paths. */
    private static RequestMatcher read(String... paths) {
        List<RequestMatcher> matchers = new ArrayList<>();
        for (String path : paths) {
            matchers.add(PathPatternRequestMatcher.pathPattern(HttpMethod.GET, path));
            matchers.add(PathPatternRequestMatcher.pathPattern(HttpMethod.HEAD, path));
        }
        return new OrRequestMatcher(matchers);
    }

    /**
     * Whether no controller serves this request's method at its path although one serves another
     * method there: Spring MVC then answers 405 without running any handler.
     */
    static boolean onlyOtherMethods(List<HandlerMapping> routes, HttpServletRequest request) {
        boolean parsed = ServletRequestPathUtils.hasParsedRequestPath(request);
        if (!parsed) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        try {
            boolean otherMethods = false;
            for (HandlerMapping mapping : routes) {
                try {
                    if (mapping.getHandler(request) != null) {
                        return false;
                    }
                } catch (HttpRequestMethodNotSupportedException e) {
                    otherMethods = true;
                } catch (Exception e) {
                    return false;
                }
            }
            return otherMethods;
        } finally {
            if (!parsed) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }

    /**
     * Makes the CSRF token (and its cookie) before the page is written: a cookie cannot be set
     * once a long page has started to stream. Requests with a Bearer token need none.
     */
    static final class EagerCsrfTokenFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getHeader(HttpHeaders.AUTHORIZATION) == null && "GET".equals(request.getMethod())
                    && !ProblemWriter.isApi(request) && !isStatic(request.getRequestURI())) {
                CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
                if (token != null) {
                    token.getToken();
                }
            }
            chain.doFilter(request, response);
        }

        private static boolean isStatic(String path) {
            return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/")
                    || path.startsWith("/images/") || path.startsWith("/favicon") || path.startsWith("/actuator/");
        }
    }
}
