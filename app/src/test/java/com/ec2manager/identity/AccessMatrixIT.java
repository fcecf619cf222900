package com.ec2manager.identity;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route × {anonymous, readonly, admin}. The JSON API is called with Bearer access tokens,
 * the pages with a signed-in browser (forms with their CSRF token), against the shared local
 * stack (DynamoDB Local, the EC2 and Cognito emulators), so every answer is the real one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT {

    static final int SIGN_IN = 302;
    static final String NO_INSTANCE = "i-0000000000000000f";
    static final String NO_USER = "nobody-at-all@example.com";
    static final String NO_ID = "00000000-0000-4000-8000-000000000000";

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        IdentityTestStack.register(registry);
    }

    @LocalServerPort
    int port;

    final Map<String, String> bearer = new java.util.HashMap<>();
    final Map<String, Browser> browsers = new java.util.HashMap<>();

    @BeforeAll
    void signInEveryone() {
        String base = "http://127.0.0.1:" + port;
        bearer.put("admin", AccessTokenAttacksIT.cognitoSignIn(IdentityTestStack.ADMIN, IdentityTestStack.ADMIN_PASSWORD).accessToken());
        bearer.put("readonly", AccessTokenAttacksIT.cognitoSignIn(IdentityTestStack.READER, IdentityTestStack.READER_PASSWORD).accessToken());
        Browser admin = new Browser(base);
        SignInPathsIT.signIn(admin, IdentityTestStack.ADMIN, IdentityTestStack.ADMIN_PASSWORD);
        Browser reader = new Browser(base);
        SignInPathsIT.signIn(reader, IdentityTestStack.READER, IdentityTestStack.READER_PASSWORD);
        browsers.put("admin", admin);
        browsers.put("readonly", reader);
        browsers.put("anonymous", new Browser(base));
    }

    //                 kind   method    path                                              anonymous readonly admin
    static Stream<Arguments> routes() {
        List<Arguments> rows = new ArrayList<>(List.of(
                api("GET", "/api/v1/me", 401, 200, 200),
                api("GET", "/api/v1/instances", 401, 200, 200),
                api("GET", "/api/v1/instances/" + NO_INSTANCE, 401, 404, 404),
                api("POST", "/api/v1/instances/" + NO_INSTANCE + "/stop", 401, 403, 400),
                api("POST", "/api/v1/instances/" + NO_INSTANCE + "/terminate", 401, 403, 400),
                api("POST", "/api/v1/instances/actions", 401, 403, 400),
                api("GET", "/api/v1/audit", 401, 200, 200),
                api("GET", "/api/v1/users", 401, 403, 200),
                api("GET", "/api/v1/users/" + NO_USER, 401, 403, 404),
                api("POST", "/api/v1/users", 401, 403, 400),
                api("POST", "/api/v1/users/" + NO_USER + "/disable", 401, 403, 404),
                api("POST", "/api/v1/users/" + NO_USER + "/enable", 401, 403, 404),
                api("POST", "/api/v1/users/" + NO_USER + "/reset-password", 401, 403, 404),
                api("DELETE", "/api/v1/users/" + NO_USER, 401, 403, 404),
                api("GET", "/api/v1/accounts", 401, 200, 200),
                api("GET", "/api/v1/approval-policies", 401, 200, 200),
                api("POST", "/api/v1/approval-policies", 401, 403, 400),
                api("DELETE", "/api/v1/approval-policies/" + NO_ID, 401, 403, 404),
                api("GET", "/api/v1/approvals", 401, 200, 200),
                api("GET", "/api/v1/approvals/" + NO_ID, 401, 404, 404),
                api("POST", "/api/v1/approvals/" + NO_ID + "/approve", 401, 403, 404),
                api("POST", "/api/v1/approvals/" + NO_ID + "/reject", 401, 403, 404),
                api("GET", "/api/v1/schedules", 401, 200, 200),
                api("POST", "/api/v1/schedules", 401, 403, 400),
                api("GET", "/api/v1/schedules/" + NO_ID, 401, 404, 404),
                api("GET", "/api/v1/schedules/" + NO_ID + "/preview", 401, 404, 404),
                api("POST", "/api/v1/schedules/" + NO_ID + "/overrides", 401, 403, 404),
                api("DELETE", "/api/v1/schedules/" + NO_ID, 401, 403, 404),
                // a method the route does not have: 405 to everyone, no handler runs
                api("PUT", "/api/v1/users/" + NO_USER, 405, 405, 405),
                api("PATCH", "/api/v1/instances/" + NO_INSTANCE, 405, 405, 405),
                // HEAD and OPTIONS of public routes are public
                api("HEAD", "/actuator/health", 200, 200, 200),
                api("HEAD", "/sign-in", 200, 200, 200),
                api("OPTIONS", "/sign-in", 200, 200, 200),
                api("OPTIONS", "/actuator/health", 200, 200, 200),
                api("OPTIONS", "/api/v1/instances", 200, 200, 200),
                api("HEAD", "/api/v1/me", 401, 200, 200),
                // RFC 9728 metadata: public, and claims nothing the application does not do
                api("GET", "/.well-known/oauth-protected-resource", 200, 200, 200),
                api("GET", "/api/v1/not-a-route", 401, 404, 404),
                api("GET", "/actuator/health", 200, 200, 200),
                api("GET", "/actuator/info", 200, 200, 200),
                // not exposed, so not there at all
                api("GET", "/actuator/env", SIGN_IN, 404, 404),
                api("GET", "/actuator/beans", SIGN_IN, 404, 404),
                page("GET", "/sign-in", 200, 200, 200),
                page("GET", "/forgot-password", 200, 200, 200),
                page("GET", "/forgot-password/confirm", 200, 200, 200),
                page("GET", "/css/app.css", 200, 200, 200),
                page("GET", "/js/password-policy.js", 200, 200, 200),
                page("GET", "/", SIGN_IN, 200, 200),
                page("GET", "/instances", SIGN_IN, 200, 200),
                page("GET", "/instances/" + NO_INSTANCE, SIGN_IN, 404, 404),
                page("GET", "/audit", SIGN_IN, 200, 200),
                page("GET", "/account", SIGN_IN, 200, 200),
                page("GET", "/users", SIGN_IN, 403, 200),
                page("GET", "/users/new", SIGN_IN, 403, 200),
                page("GET", "/users/" + NO_USER, SIGN_IN, 403, 404),
                page("GET", "/users/" + NO_USER + "/delete", SIGN_IN, 403, 404),
                page("POST", "/users", 401, 403, 400),
                page("POST", "/users/" + NO_USER + "/disable", 401, 403, 404),
                page("POST", "/users/" + NO_USER + "/delete", 401, 403, 404),
                page("POST", "/instances/" + NO_INSTANCE + "/stop", 401, 403, 400),
                page("GET", "/approvals", SIGN_IN, 200, 200),
                page("GET", "/approvals/policies", SIGN_IN, 200, 200),
                page("GET", "/approvals/" + NO_ID, SIGN_IN, 404, 404),
                page("POST", "/approvals/" + NO_ID + "/approve", 401, 403, 404),
                page("GET", "/integrity", SIGN_IN, 403, 200),
                // the form again, saying what from and to must be
                page("POST", "/integrity/verify", 401, 403, 200),
                // a path no controller answers: not found for people signed in, never a hint to anyone else
                page("GET", "/not-a-page", SIGN_IN, 404, 404),
                page("POST", "/not-a-page", 401, 404, 404),
                // a real route only has its own methods
                page("GET", "/sign-out", 405, 405, 405)));
        return rows.stream();
    }

    static Arguments api(String method, String path, int anonymous, int readonly, int admin) {
        return Arguments.of("api", method, path, anonymous, readonly, admin);
    }

    static Arguments page(String method, String path, int anonymous, int readonly, int admin) {
        return Arguments.of("page", method, path, anonymous, readonly, admin);
    }

    @ParameterizedTest(name = "{0} {1} {2}: anonymous {3}, readonly {4}, admin {5}")
    @MethodSource("routes")
    void everyRouteAnswersEachRoleAsListed(String kind, String method, String path, int anonymous, int readonly,
                                           int admin) {
        check(kind, method, path, "anonymous", anonymous);
        check(kind, method, path, "readonly", readonly);
        check(kind, method, path, "admin", admin);
    }

    private void check(String kind, String method, String path, String who, int expected) {
        HttpResponse<String> response = call(kind, method, path, who);
        String what = method + " " + path + " as " + who + " → " + response.statusCode() + " "
                + response.headers().firstValue("Location").orElse("") + " " + abbreviate(response.body());
        assertThat(response.statusCode()).as(what).isEqualTo(expected);
        if (expected == SIGN_IN) {
            assertThat(response.headers().firstValue("Location").orElseThrow()).as(what).contains("/sign-in?next=");
        }
    }

    private HttpResponse<String> call(String kind, String method, String path, String who) {
        if (kind.equals("api")) {
            Browser client = browsers.get("anonymous");
            String body = method.equals("GET") || method.equals("DELETE") ? null
                    : path.endsWith("/actions") ? "{\"action\":\"stop\",\"instanceIds\":[\"" + NO_INSTANCE + "\"]}" : "{}";
            return client.api(method, path, bearer.get(who), body);
        }
        Browser browser = browsers.get(who);
        if (method.equals("GET")) {
            return browser.get(path);
        }
        // a real form post: the CSRF token of a page the person can load
        String csrf = who.equals("anonymous") ? Browser.csrf(browser.get("/sign-in").body())
                : Browser.csrf(browser.get("/account").body());
        return browser.post(path, Map.of(), csrf);
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
