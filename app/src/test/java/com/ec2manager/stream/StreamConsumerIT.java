package com.ec2manager.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.ec2manager.Ec2ManagerApplication;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.integrity.AuditVerifier;
import com.ec2manager.integrity.VerificationReport;
import com.ec2manager.localaws.LocalStackSettings;
import com.ec2manager.testing.OwnRecords;
import com.ec2manager.testing.TestLocalStack;
import com.ec2manager.testing.WebhookReceiver;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Two application instances on one stream: KCL gives the shard to exactly one of them, and when
 * that one dies without a checkpoint of its last records, the other resumes from the checkpoint
 * and the archive has every record, with no gap — and a notification the dead one had not
 * delivered yet is delivered by the other.
 */
class StreamConsumerIT {

    private static final WebhookReceiver RECEIVER = new WebhookReceiver(0);

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    /** Which instance processed which record, by the {@code probe.instance} property of its context. */
    private static final Map<String, Set<String>> PROCESSED_BY = new ConcurrentHashMap<>();

    @Configuration(proxyBeanMethods = false)
    static class Probe {
        @Bean
        ChangeListener processedByProbe(org.springframework.core.env.Environment environment) {
            String instance = environment.getProperty("probe.instance");
            return change -> {
                PROCESSED_BY.computeIfAbsent(change.itemKey(), k -> ConcurrentHashMap.newKeySet()).add(instance);
                return ChangeListener.DONE;
            };
        }
    }

    /**
     * The webhook takes only this class's records: a new KCL application reads the stream from its
     * trim horizon, and delivering every other test class's records first held these up for minutes.
     */
    private static final String REGION = "zz-consumer-1";

    private final String bucket = "consumer-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final String user = "user-" + UUID.randomUUID();

    private ConfigurableApplicationContext start(String instance) {
        LocalStackSettings stack = TestLocalStack.get().settings();
        // as command-line arguments: default properties would lose to application.yml (its server.port
        // 8080 made the second instance fail to start)
        return new SpringApplicationBuilder(Ec2ManagerApplication.class, Probe.class).run(
                "--server.port=0",
                "--spring.jmx.enabled=false",
                "--probe.instance=" + instance,
                "--ec2manager.aws.mode=local",
                "--ec2manager.local.start-stack=false",
                "--ec2manager.local.host=" + stack.host(),
                "--ec2manager.local.data-dir=" + stack.dataDir(),
                "--ec2manager.local.dynamodb-port=" + stack.dynamoDbPort(),
                "--ec2manager.local.ec2-port=" + stack.ec2Port(),
                "--ec2manager.local.cognito-port=" + stack.cognitoPort(),
                "--ec2manager.local.s3-port=" + stack.s3Port(),
                "--ec2manager.aws.endpoints.dynamodb=" + TestLocalStack.get().dynamoDbEndpoint(),
                "--ec2manager.audit.reconciler.enabled=false",
                "--ec2manager.live-feed.enabled=false",
                "--ec2manager.stream.application-name=kcl-consumer-it",
                "--ec2manager.stream.worker-id=" + instance,
                "--ec2manager.stream.poll-interval=200ms",
                "--ec2manager.stream.failover-time=3s",
                "--ec2manager.archive.bucket=" + bucket,
                "--ec2manager.archive.interval=2s",
                "--ec2manager.integrity.writer=" + instance,
                "--ec2manager.notifications.webhooks[0].url=" + RECEIVER.url(),
                "--ec2manager.notifications.webhooks[0].regions=" + REGION,
                "--ec2manager.notifications.first-retry=200ms",
                "--ec2manager.notifications.longest-retry=500ms",
                "--ec2manager.notifications.max-attempts=1000");
    }

    /** {@code count} started instances {@code <prefix>-0…}; the records' keys. */
    private List<String> act(AuditTrail trail, String prefix, int count) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String instance = prefix + "-" + i;
            AuditRecord record = trail.begin(new AuditIntent(new AuditActor(user, "consumer@example.com", "127.0.0.1",
                    "it"), AuditAction.START_INSTANCE, ResourceType.EC2_INSTANCE, instance,
                    AuditDetails.ofInstance("t3.micro", "stopped", REGION, "stream consumer test"), "req-" + instance));
            trail.complete(record.key(), AuditResult.succeeded("pending", "aws-" + instance));
            keys.add(user + "/" + record.key().timestamp());
        }
        return keys;
    }

    /** The time a record's key ({@code userId/timestamp}) stands for. */
    private static Instant time(String key) {
        return Instant.parse(key.substring(key.indexOf('/') + 1));
    }

    private static int held(ConfigurableApplicationContext context) {
        return context.getBean(StreamLag.class).shardsHeld();
    }

    @Test
    void eachShardIsProcessedByOneInstanceAndAfterACrashTheOtherResumesFromTheCheckpointWithNoGap() {
        try (ConfigurableApplicationContext a = start("instance-a"); ConfigurableApplicationContext b = start("instance-b")) {
            Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> held(a) + held(b) > 0);
            ConfigurableApplicationContext holder = held(a) > 0 ? a : b;
            ConfigurableApplicationContext other = holder == a ? b : a;
            String holderName = holder == a ? "instance-a" : "instance-b";
            String otherName = holder == a ? "instance-b" : "instance-a";
            AuditVerifier verifier = other.getBean(AuditVerifier.class);

            List<String> before = act(holder.getBean(AuditTrail.class), "i-before", 5);
            // the range checked starts at this test's first record and ends at its newest (see OwnRecords)
            Instant start = time(before.get(0));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> verifier.verify(start, time(before.get(before.size() - 1))),
                            r -> r.records() >= 5 && OwnRecords.archived(r, before));
            assertThat(before).allSatisfy(key -> assertThat(PROCESSED_BY.get(key)).containsExactly(holderName));
            assertThat(held(holder) + held(other)).isEqualTo(held(holder));
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> RECEIVER.took("\"i-before-4\""));

            // the receiver is down while the holder archives the next record: its notification is not delivered
            RECEIVER.down(true);
            List<String> undelivered = act(holder.getBean(AuditTrail.class), "i-undelivered", 1);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> verifier.verify(start, time(undelivered.get(undelivered.size() - 1))),
                            r -> r.records() >= 6 && OwnRecords.archived(r, undelivered));
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> !RECEIVER.about("\"i-undelivered-0\"").isEmpty());

            // the holder dies: no flush, no checkpoint of what it has taken since, its deliveries in flight gone
            holder.getBean(AuditStreamConsumer.class).halt();
            holder.close();
            RECEIVER.down(false);
            List<String> after = act(other.getBean(AuditTrail.class), "i-after", 5);
            VerificationReport report = Awaitility.await().atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> verifier.verify(start, time(after.get(after.size() - 1))),
                            r -> r.records() >= 11 && OwnRecords.archived(r, after));
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> RECEIVER.took("\"i-after-4\""));

            List<String> all = new ArrayList<>(before);
            all.addAll(undelivered);
            all.addAll(after);
            assertThat(OwnRecords.findings(report, all)).isEmpty();
            assertThat(OwnRecords.archived(report, all)).isTrue();
            assertThat(report.chains()).as("one digest chain per instance, both whole").isEqualTo(2);
            assertThat(after).allSatisfy(key -> assertThat(PROCESSED_BY.get(key)).contains(otherName));
            assertThat(held(other)).isPositive();
            assertThat(PROCESSED_BY.get(undelivered.get(0))).as("replayed from the checkpoint")
                    .containsExactlyInAnyOrder(holderName, otherName);
            assertThat(RECEIVER.took("\"i-undelivered-0\"")).as("delivered after the crash").isTrue();
        }
    }
}
