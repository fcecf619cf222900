package com.ec2manager.livefeed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.localaws.cognito.CognitoEmulatorSettings;
import com.ec2manager.testing.TestLocalStack;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;

/**
 * {@code GET /api/v1/audit/events} for API clients: records as Server-Sent Events with a Bearer
 * token, resumed with {@code Last-Event-ID}, and a limit of open feeds per person.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ec2manager.live-feed.connections-per-person=2", "ec2manager.live-feed.poll-interval=200ms",
        "ec2manager.live-feed.heartbeat=500ms"})
@DirtiesContext
class LiveFeedApiIT {

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestLocalStack.register(registry);
        registry.add("ec2manager.live-feed.enabled", () -> "true");
    }

    @LocalServerPort
    int port;
    @Autowired
    AuditTrail trail;

    private final HttpClient http = HttpClient.newHttpClient();

    private record Event(String id, String data) {
    }

    private static String token(String user, String password) {
        try (CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(TestLocalStack.get().cognitoEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            return cognito.initiateAuth(b -> b.authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .clientId(CognitoEmulatorSettings.DEFAULT_CLIENT_ID)
                    .authParameters(Map.of("USERNAME", user, "PASSWORD", password)))
                    .authenticationResult().accessToken();
        }
    }

    /** Opens a feed; its events arrive in the queue. */
    private HttpResponse<java.io.InputStream> open(String token, String lastEventId, BlockingQueue<Event> events)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/audit/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<java.io.InputStream> response = http.send(request.GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 200) {
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String id = null;
                    StringBuilder data = new StringBuilder();
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.startsWith("id:")) {
                            id = line.substring(3).trim();
                        } else if (line.startsWith("data:")) {
                            data.append(line.substring(5));
                        } else if (line.isEmpty() && data.length() > 0) {
                            events.add(new Event(id, data.toString()));
                            data.setLength(0);
                        }
                    }
                } catch (Exception closed) {
                    // the test closed the feed
                }
            });
            reader.setDaemon(true);
            reader.start();
        }
        return response;
    }

    private String act() {
        String instance = "i-feed" + UUID.randomUUID().toString().substring(0, 8);
        AuditRecord record = trail.begin(new AuditIntent(new AuditActor("feed-user", "feed@example.com", "127.0.0.1",
                "it"), AuditAction.STOP_INSTANCE, ResourceType.EC2_INSTANCE, instance, null, "req-" + instance));
        trail.complete(record.key(), AuditResult.succeeded("stopping", "aws-" + instance));
        return instance;
    }

    /** The next event about {@code resourceId} once completed (its PENDING insert comes first). */
    private static Event completed(BlockingQueue<Event> events, String resourceId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Event event = events.poll(1, TimeUnit.SECONDS);
            if (event != null && event.data().contains(resourceId) && event.data().contains("\"outcome\":\"SUCCEEDED\"")) {
                return event;
            }
        }
        throw new AssertionError("no completed event about " + resourceId);
    }

    @Test
    void anApiClientReceivesRecordsAsTheyAreWrittenAndResumesAfterItsLastEventId() throws Exception {
        String token = token("admin@example.com", "Local-Admin-2025!");
        BlockingQueue<Event> first = new ArrayBlockingQueue<>(1000);
        HttpResponse<java.io.InputStream> feed = open(token, null, first);
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        Thread.sleep(1000); // the tail starts at the stream's newest record

        String seen = act();
        Event event = completed(first, seen);
        feed.body().close();
        String missed = act();
        BlockingQueue<Event> resumed = new ArrayBlockingQueue<>(1000);
        HttpResponse<java.io.InputStream> again = open(token, event.id(), resumed);

        assertThat(event.data()).contains("\"resourceId\":\"" + seen + "\"", "\"outcome\":\"SUCCEEDED\"");
        assertThat(completed(resumed, missed).data()).contains(missed);
        again.body().close();
    }

    @Test
    void aPersonHoldsNoMoreFeedsThanAllowed() throws Exception {
        String token = token("readonly@example.com", "Local-Reader-2025!");
        List<HttpResponse<java.io.InputStream>> open = new ArrayList<>();
        open.add(open(token, null, new ArrayBlockingQueue<>(1000)));
        open.add(open(token, null, new ArrayBlockingQueue<>(1000)));

        HttpResponse<java.io.InputStream> third = open(token, null, new ArrayBlockingQueue<>(1000));

        assertThat(open).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(third.statusCode()).isEqualTo(429);
        for (var response : open) {
            response.body().close();
        }
    }
}
