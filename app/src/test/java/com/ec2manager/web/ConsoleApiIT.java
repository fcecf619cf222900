package com.ec2manager.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.browser.ConsoleTestStack;
import com.ec2manager.localaws.cognito.CognitoEmulatorSettings;
import com.ec2manager.localaws.ec2.InstanceSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON API the console adds, over HTTP with a Cognito access token: audit pages, exports, idempotent actions. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ec2manager.audit.reconciler.enabled=false"
})
class ConsoleApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        ConsoleTestStack.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    String base;
    String adminToken;

    @BeforeEach
    void setUp() {
        base = "http://127.0.0.1:" + port;
        adminToken = token(ConsoleTestStack.ADMIN, ConsoleTestStack.ADMIN_PASSWORD);
    }

    static String token(String user, String password) {
        try (CognitoIdentityProviderClient cognito = ConsoleTestStack.cognitoClient()) {
            return cognito.initiateAuth(b -> b.authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .clientId(CognitoEmulatorSettings.DEFAULT_CLIENT_ID)
                    .authParameters(Map.of("USERNAME", user, "PASSWORD", password)))
                    .authenticationResult().accessToken();
        }
    }

    HttpResponse<String> post(String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Authorization", "Bearer " + adminToken).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRetriedActionWithTheSameKeyActsOnceAndAnswersTheFirstResultAgain() throws Exception {
        InstanceSnapshot target = ConsoleTestStack.take(ConsoleTestStack.plainRunning());
        String key = UUID.randomUUID().toString();
        String body = "{\"reason\":\"idempotency test\"}";

        HttpResponse<String> first = post("/api/v1/instances/" + target.instanceId() + "/reboot", key, body);
        HttpResponse<String> second = post("/api/v1/instances/" + target.instanceId() + "/reboot", key, body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(audit.query(AuditQuery.byResource(target.instanceId())).records()).hasSize(1);

        HttpResponse<String> different = post("/api/v1/instances/" + target.instanceId() + "/reboot", key,
                "{\"reason\":\"another reason\"}");
        assertThat(different.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(different.body()).get("requestId").asString()).isNotBlank();
        assertThat(JSON.readTree(different.body()).get("code").asString()).as("the code clients match on")
                .isEqualTo("UnprocessableContent");
        assertThat(audit.query(AuditQuery.byResource(target.instanceId())).records()).hasSize(1);

        // without a key every request acts
        post("/api/v1/instances/" + target.instanceId() + "/reboot", null, body);
        assertThat(audit.query(AuditQuery.byResource(target.instanceId())).records()).hasSize(2);
    }

    @Test
    void theAuditApiPagesByCursorAndExportsTheSameFilter() throws Exception {
        InstanceSnapshot target = ConsoleTestStack.take(ConsoleTestStack.plainRunning());
        for (int i = 0; i < 3; i++) {
            assertThat(post("/api/v1/instances/" + target.instanceId() + "/reboot", null,
                    "{\"reason\":\"=HYPERLINK(\\\"http://evil\\\"), round " + i + "\"}").statusCode()).isEqualTo(200);
        }

        JsonNode page1 = JSON.readTree(get("/api/v1/audit?resourceId=" + target.instanceId() + "&limit=2").body());
        assertThat(page1.get("records")).hasSize(2);
        assertThat(page1.get("records").get(0).get("details").get("reason").asString()).endsWith("round 2");
        String cursor = page1.get("nextCursor").asString();
        JsonNode page2 = JSON.readTree(get("/api/v1/audit?resourceId=" + target.instanceId() + "&limit=2&cursor="
                + URLEncoder.encode(cursor, StandardCharsets.UTF_8)).body());
        assertThat(page2.get("records")).hasSize(1);
        assertThat(page2.get("nextCursor").isNull()).isTrue();

        HttpResponse<String> csv = get("/api/v1/audit/export?format=csv&resourceId=" + target.instanceId());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment").contains(".csv");
        List<String> rows = csv.body().lines().toList();
        assertThat(rows).hasSize(4);
        // the reason would be a formula in a spreadsheet: neutralised and quoted
        assertThat(rows.get(1)).contains("\"'=HYPERLINK(\"\"http://evil\"\"), round 2\"");
        assertThat(csv.body()).contains("\r\n");

        HttpResponse<String> jsonl = get("/api/v1/audit/export?format=jsonl&resourceId=" + target.instanceId());
        assertThat(jsonl.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/jsonl");
        List<String> lines = jsonl.body().lines().toList();
        assertThat(lines).hasSize(3);
        for (String line : lines) {
            assertThat(JSON.readTree(line).get("resourceId").asString()).isEqualTo(target.instanceId());
        }
    }

    @Test
    void badAuditQueriesAreProblemsWithARequestId() throws Exception {
        for (String query : List.of("limit=0", "limit=abc", "from=yesterday", "action=FLY",
                "from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z", "cursor=forged", "zone=Mars/Base")) {
            HttpResponse<String> response = get("/api/v1/audit?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("requestId").asString()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        }
        assertThat(get("/api/v1/audit/export?format=xlsx").statusCode()).isEqualTo(400);
    }

    @Test
    void parametersThatAreNotUtf8AreABadRequestNotAServerError() throws Exception {
        for (String path : List.of("/api/v1/instances?q=%00%ff", "/api/v1/audit?userId=%c3%28")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("MalformedParameters");
        }
    }
}
