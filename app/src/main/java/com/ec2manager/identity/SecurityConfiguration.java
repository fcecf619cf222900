package com.ec2manager.identity;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import javax.crypto.SecretKey;

import com.ec2manager.aws.AwsEndpoints;
import com.ec2manager.aws.ModeDefaults;
import com.ec2manager.web.FailureFilter;
import com.ec2manager.web.ProblemWriter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
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
    TokenRevocations tokenRevocations(DynamoDbClient dynamoDb, IdentityProperties identity, ModeDefaults mode,
                                      Clock clock) {
        TokenRevocations revocations = new TokenRevocations(dynamoDb, identity.revocationTable(),
                clock);
        if (mode.createsTables()) {
            revocations.createTableIfMissing();
        }
        return revocations;
    }

    @Bean
    JwtDecoder accessTokenDecoder(CognitoPool pool, IdentityProperties identity, TokenRevocations revocations,
                                  Clock clock) {
        return AccessTokenDecoder.build(pool, identity.clockSkew(), identity.jwksMinRefresh(), revocations,
                clock);
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
                                            ProblemWriter problems, Clock clock,
                                            ObjectProvider<RequestMappingHandlerMapping> controllers) throws Exception {
        SecurityResponses responses = new SecurityResponses(problems, List.copyOf(controllers.orderedStream().toList()));
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
            .oauth2ResourceServer(resource -> resource
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(token -> directory.authenticate(token, null)))
                    .authenticationEntryPoint(responses)
                    .accessDeniedHandler(responses))
            .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(responses).accessDeniedHandler(responses))
            .headers(headers -> headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .frameOptions(frame -> frame.deny())
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                    .permissionsPolicyHeader(permissions -> permissions.policy("camera=(), microphone=(), geolocation=()")))
            .authorizeHttpRequests(routes -> routes
                    // error pages rendered for requests that were already authorized
                    .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                    // public: signing in, recovering a password, static files, liveness
                    .requestMatchers(HttpMethod.GET, "/sign-in", "/sign-in/new-password", "/sign-in/mfa",
                            "/forgot-password", "/forgot-password/confirm").permitAll()
                    .requestMatchers(HttpMethod.POST, "/sign-in", "/sign-in/new-password", "/sign-in/mfa",
                            "/forgot-password", "/forgot-password/confirm").permitAll()
                    .requestMatchers(HttpMethod.GET, "/css/**", "/js/**", "/images/**", "/webjars/**",
                            "/favicon.ico", "/favicon.svg").permitAll()
                    // the JSON API's description and its page (console)
                    .requestMatchers(HttpMethod.GET, "/api", "/api/openapi.yaml").permitAll()
                    .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                    .requestMatchers("/error").permitAll()
                    // signed in, either role
                    .requestMatchers(HttpMethod.POST, "/sign-out").authenticated()
                    .requestMatchers(HttpMethod.GET, "/account", "/account/mfa").authenticated()
                    .requestMatchers(HttpMethod.POST, "/account/password", "/account/mfa", "/account/mfa/disable").authenticated()
                    .requestMatchers(HttpMethod.GET, "/", "/instances", "/instances/**", "/audit", "/audit/**").authenticated()
                    .requestMatchers(HttpMethod.GET, "/api/v1/me", "/api/v1/accounts", "/api/v1/instances", "/api/v1/instances/**",
                            "/api/v1/audit", "/api/v1/audit/**").authenticated()
                    // actions: the services refuse a readonly operator themselves, so that the denial is audited
                    .requestMatchers(HttpMethod.POST, "/instances/**", "/api/v1/instances/**").authenticated()
                    .requestMatchers(HttpMethod.POST, "/users", "/users/**", "/api/v1/users", "/api/v1/users/**").authenticated()
                    .requestMatchers(HttpMethod.DELETE, "/api/v1/users/**").authenticated()
                    // user administration pages and lists: administrators only
                    .requestMatchers(HttpMethod.GET, "/users", "/users/**", "/api/v1/users", "/api/v1/users/**").hasRole("ADMIN")
                    .anyRequest().denyAll());
        return http.build();
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
                    && !isStaticOrApi(request.getRequestURI())) {
                CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
                if (token != null) {
                    token.getToken();
                }
            }
            chain.doFilter(request, response);
        }

        private static boolean isStaticOrApi(String path) {
            return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/")
                    || path.startsWith("/images/") || path.startsWith("/favicon") || path.startsWith("/actuator/")
                    || path.startsWith("/api/");
        }
    }
}
