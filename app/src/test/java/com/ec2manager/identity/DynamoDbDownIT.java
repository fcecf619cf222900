package com.ec2manager.identity;

import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import com.ec2manager.testing.RestartableDynamoDbLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request checks in DynamoDB whether its token was revoked. With DynamoDB down (stopped) or
 * hung (its process frozen), that check cannot be answered: the request is refused 503 with
 * Retry-After within the DynamoDB call timeout, nothing else is done, and the session survives —
 * neither a 401 nor a sign-out. Against the application on a real port, the Cognito emulator and a
 * DynamoDB Local of this test's own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ec2manager.audit.reconciler.enabled=false")
class DynamoDbDownIT {

    private static final RestartableDynamoDbLocal dynamoDb = RestartableDynamoDbLocal.start();

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        IdentityTestStack.register(registry);
        registry.add("ec2manager.aws.endpoints.dynamodb", () -> dynamoDb.endpoint().toString());
    }

    @AfterAll
    static void stopDynamoDb() {
        dynamoDb.close();
    }

    @LocalServerPort
    int port;
    Browser browser;

    @BeforeEach
    void signedIn() {
        browser = new Browser("http://127.0.0.1:" + port);
        HttpResponse<String> signedIn = SignInPathsIT.signIn(browser, IdentityTestStack.ADMIN,
                IdentityTestStack.ADMIN_PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(browser.get("/account").statusCode()).isEqualTo(200);
    }

    @Test
    void withDynamoDbStoppedASignedInBrowserGets503WithRetryAfterAndStaysSignedIn() {
        String session = sessionCookie();
        dynamoDb.stop();
        HttpResponse<String> refused;
        try {
            refused = browser.get("/account");
        } finally {
            dynamoDb.restart();
        }

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("cannot be checked right now");
        assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("ec2m_session="));
        assertThat(sessionCookie()).isEqualTo(session);
        // the same session works again as soon as DynamoDB is back
        assertThat(browser.get("/account").statusCode()).isEqualTo(200);
    }

    @Test
    void withDynamoDbStoppedAnApiCallWithAValidTokenGets503NotA401() {
        String token = IdentityTestStack.cognito().initiateAuth(b -> b.clientId(IdentityTestStack.clientId())
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(java.util.Map.of("USERNAME", IdentityTestStack.ADMIN,
                        "PASSWORD", IdentityTestStack.ADMIN_PASSWORD))).authenticationResult().accessToken();
        dynamoDb.stop();
        HttpResponse<String> refused;
        try {
            refused = browser.api("GET", "/api/v1/me", token, null);
        } finally {
            dynamoDb.restart();
        }

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("\"code\":\"SignInCheckUnavailable\"");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(browser.api("GET", "/api/v1/me", token, null).statusCode()).isEqualTo(200);
    }

    @Test
    void withDynamoDbHungARequestIsAnswered503WithinTheCallTimeoutNotMinutesLater() {
        dynamoDb.pause();
        Instant start = Instant.now();
        HttpResponse<String> refused;
        try {
            refused = browser.get("/account");
        } finally {
            dynamoDb.resume();
        }
        Duration took = Duration.between(start, Instant.now());

        assertThat(refused.statusCode()).isEqualTo(503);
        // the DynamoDB call timeout is 5 s; before it existed this took about three minutes
        assertThat(took).isLessThan(Duration.ofSeconds(30));
        assertThat(browser.get("/account").statusCode()).isEqualTo(200);
    }

    private String sessionCookie() {
        return browser.cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("ec2m_session"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
    }
}
