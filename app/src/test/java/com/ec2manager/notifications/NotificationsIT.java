package com.ec2manager.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.archive.ArchiveStore;
import com.ec2manager.testing.StreamTestSettings;
import com.ec2manager.testing.TestLocalStack;
import com.ec2manager.testing.WebhookReceiver;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Webhooks through the real consumer: a receiver gets each final record once, signed; a receiver
 * that fails gets the same delivery again until it takes it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class NotificationsIT {

    private static final String SECRET = "webhook-secret-" + UUID.randomUUID();
    private static final WebhookReceiver GOOD = new WebhookReceiver(0);
    private static final WebhookReceiver FLAKY = new WebhookReceiver(2);
    private static final WebhookReceiver DOWN = new WebhookReceiver(Integer.MAX_VALUE);
    private static final String TOPIC = "audit-notifications-" + UUID.randomUUID().toString().substring(0, 8);
    /**
     * The region this class's records name. The consumer also reads every record other test classes
     * wrote since the last stream test; the failing receivers take only this class's, or retrying
     * that backlog would hold up the records under test for minutes.
     */
    private static final String HOOK_REGION = "zz-hooks-1";

    @DynamicPropertySource
    static void stream(DynamicPropertyRegistry registry) {
        StreamTestSettings.register(registry, "notify-it");
        registry.add("ec2manager.notifications.webhooks[0].url", GOOD::url);
        registry.add("ec2manager.notifications.webhooks[0].secret", () -> SECRET);
        registry.add("ec2manager.notifications.webhooks[0].actions", () -> "STOP_INSTANCE");
        registry.add("ec2manager.notifications.webhooks[1].url", FLAKY::url);
        registry.add("ec2manager.notifications.webhooks[1].name", () -> "flaky");
        registry.add("ec2manager.notifications.webhooks[1].secret", () -> SECRET);
        registry.add("ec2manager.notifications.webhooks[1].regions", () -> HOOK_REGION);
        registry.add("ec2manager.notifications.webhooks[2].url", DOWN::url);
        registry.add("ec2manager.notifications.webhooks[2].name", () -> "down");
        registry.add("ec2manager.notifications.webhooks[2].actions", () -> "REBOOT_INSTANCE");
        registry.add("ec2manager.notifications.webhooks[2].regions", () -> HOOK_REGION);
        registry.add("ec2manager.notifications.first-retry", () -> "200ms");
        registry.add("ec2manager.notifications.max-attempts", () -> "3");
        registry.add("ec2manager.notifications.sns.topic-arn", NotificationsIT::topicArn);
        registry.add("ec2manager.notifications.sns.outcomes", () -> "SUCCEEDED");
    }

    /** The SNS topic, created through the SDK in the local stack's SNS stand-in, as the CDK creates it in AWS. */
    private static String topicArn() {
        try (SnsClient sns = SnsClient.builder().endpointOverride(TestLocalStack.get().s3Endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            return sns.createTopic(r -> r.name(TOPIC)).topicArn();
        }
    }

    @AfterAll
    static void stopReceivers() {
        GOOD.close();
        FLAKY.close();
        DOWN.close();
    }

    @Autowired
    AuditTrail trail;
    @Autowired
    ArchiveStore archive;

    private String act(AuditAction action) {
        String instance = "i-hook" + UUID.randomUUID().toString().substring(0, 8);
        AuditRecord record = trail.begin(new AuditIntent(new AuditActor("hook-user", "hook@example.com", "127.0.0.1",
                "it"), action, ResourceType.EC2_INSTANCE, instance,
                com.ec2manager.audit.AuditDetails.ofInstance("t3.micro", "running", HOOK_REGION, "notifications test"),
                "req-" + instance));
        trail.complete(record.key(), AuditResult.succeeded("stopping", "aws-" + instance));
        return instance;
    }

    @Test
    void aMatchingRecordReachesTheReceiverOnceWithAValidSignatureAndAFailingReceiverGetsRetries() {
        String stopped = act(AuditAction.STOP_INSTANCE);
        String rebooted = act(AuditAction.REBOOT_INSTANCE);

        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> !GOOD.about(stopped).isEmpty() && FLAKY.about(rebooted).stream().anyMatch(d -> d.status() == 204));

        var delivered = GOOD.about(stopped);
        assertThat(delivered).hasSize(1);
        var delivery = delivered.get(0);
        assertThat(delivery.signature()).isEqualTo("v1=" + WebhookTarget.signature(SECRET, delivery.timestamp(),
                delivery.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(delivery.timestamp()))).isLessThan(120);
        assertThat(delivery.body()).contains("\"type\":\"audit.record\"", "\"outcome\":\"SUCCEEDED\"");
        assertThat(GOOD.about(rebooted)).as("the first receiver's rule wants stops only").isEmpty();
        assertThat(FLAKY.about(rebooted)).extracting(WebhookReceiver.Delivery::status).containsExactly(500, 500, 204);
        assertThat(FLAKY.about(rebooted)).extracting(WebhookReceiver.Delivery::id).containsOnly(FLAKY.about(rebooted).get(0).id());
    }

    @Test
    void aReceiverThatKeepsFailingGetsEveryAttemptThenTheNotificationIsKeptAsADeadLetter() {
        String rebooted = act(AuditAction.REBOOT_INSTANCE);

        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> DOWN.about(rebooted).size() >= 3
                        && archive.get(DeadLetters.key("down", DOWN.about(rebooted).get(0).id())).isPresent());

        assertThat(DOWN.about(rebooted)).extracting(WebhookReceiver.Delivery::status).containsExactly(500, 500, 500);
        String letter = new String(archive.get(DeadLetters.key("down", DOWN.about(rebooted).get(0).id()))
                .orElseThrow().bytes(), StandardCharsets.UTF_8);
        assertThat(letter).contains("\"target\":\"down\"", "\"attempts\":3", "answered HTTP 500", rebooted);
        assertThat(archive.list(DeadLetters.PREFIX + "flaky/")).as("a receiver that recovered has none").isEmpty();
    }

    @Test
    void aMatchingRecordIsPublishedToTheSnsTopicWithItsActionAndOutcomeAsAttributes() {
        String stopped = act(AuditAction.STOP_INSTANCE);
        String arn = topicArn();

        var published = Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> TestLocalStack.get().sns().published(arn).stream()
                        .filter(m -> m.body().contains(stopped)).toList(), list -> !list.isEmpty());

        assertThat(published).hasSize(1);
        assertThat(published.get(0).attributes()).containsEntry("action", "STOP_INSTANCE")
                .containsEntry("outcome", "SUCCEEDED").containsEntry("type", "audit.record");
        assertThat(published.get(0).subject()).contains("STOP_INSTANCE SUCCEEDED");
        assertThat(published.get(0).body()).contains("\"type\":\"audit.record\"", "\"resourceId\":\"" + stopped + "\"");
    }
}
