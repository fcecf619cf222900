package com.ec2manager.schedules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.identity.Operator;
import com.ec2manager.identity.Role;
import com.ec2manager.instances.Inventory;
import com.ec2manager.localaws.ec2.Ec2Emulator;
import com.ec2manager.localaws.ec2.Ec2EmulatorSettings;
import com.ec2manager.localaws.ec2.Ec2Fault;
import com.ec2manager.localaws.ec2.FleetSpec;
import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.localaws.ec2.InstanceState;
import com.ec2manager.localaws.sts.RoleTrust;
import com.ec2manager.localaws.testing.MutableClock;
import com.ec2manager.testing.MutableClockConfiguration;
import com.ec2manager.testing.StreamTestSettings;
import com.ec2manager.testing.WebhookReceiver;
import com.ec2manager.web.Caller;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schedule's failure reaches the people who watch for failures, end to end: EC2 refuses one of
 * a transition's stops, the schedule's FAILED record goes through the table's stream and the real
 * consumer to a webhook whose rule wants failed stops. The schedule acts in a region of its own
 * (an emulator of this class's own serves only it) and the rule names that region, so that the
 * records other classes wrote never reach the receiver.
 */
@SpringBootTest(properties = {"ec2manager.schedules.enabled=false", "ec2manager.inventory.enabled=false",
        "ec2manager.audit.reconciler.enabled=false"})
@Import(MutableClockConfiguration.class)
@DirtiesContext
class ScheduleFailureNotificationIT {

    private static final String REGION = "sa-east-1";
    private static final String ACCOUNT = Ec2EmulatorSettings.DEFAULT_ACCOUNT_ID;
    private static final WebhookReceiver FAILURES = new WebhookReceiver(0);
    private static Ec2Emulator ec2;

    static synchronized Ec2Emulator ec2() {
        if (ec2 == null) {
            ec2 = Ec2Emulator.start(Ec2EmulatorSettings.forTests(null).withMembers(List.of())
                    .withFleet(new FleetSpec(List.of(REGION), 12, FleetSpec.DEFAULT_SEED + 13))
                    .withTransitionDelay(Duration.ofMillis(500)), Clock.systemUTC());
        }
        return ec2;
    }

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        StreamTestSettings.register(registry, "schedule-failure-it");
        String endpoint = ec2().endpoint().toString();
        registry.add("ec2manager.aws.endpoints.ec2", () -> endpoint);
        registry.add("ec2manager.aws.endpoints.sts", () -> endpoint);
        registry.add("ec2manager.accounts[0].id", () -> ACCOUNT);
        registry.add("ec2manager.accounts[0].name", () -> "Management");
        registry.add("ec2manager.accounts[0].role-arn", () -> RoleTrust.roleArn(ACCOUNT, RoleTrust.LOCAL_ROLE_NAME));
        registry.add("ec2manager.accounts[0].external-id", () -> RoleTrust.LOCAL_EXTERNAL_ID);
        registry.add("ec2manager.accounts[0].regions", () -> REGION);
        registry.add("ec2manager.notifications.webhooks[0].url", FAILURES::url);
        registry.add("ec2manager.notifications.webhooks[0].name", () -> "failed-stops");
        registry.add("ec2manager.notifications.webhooks[0].actions", () -> "STOP_INSTANCE");
        registry.add("ec2manager.notifications.webhooks[0].outcomes", () -> "FAILED");
        registry.add("ec2manager.notifications.webhooks[0].regions", () -> REGION);
    }

    @AfterAll
    static void stop() {
        FAILURES.close();
        if (ec2 != null) {
            ec2.close();
        }
    }

    @Autowired
    Schedules schedules;
    @Autowired
    Inventory inventory;
    @Autowired
    AuditTrail audit;
    @Autowired
    MutableClock clock;

    @Test
    void aStopThatEc2RefusesIsRecordedFailedAndTheWebhookForFailedStopsReceivesThatRecord() {
        List<InstanceSnapshot> targets = ec2().instances(REGION).stream()
                .filter(i -> i.state() == InstanceState.RUNNING && !i.disableApiStop() && i.autoScalingGroup() == null)
                .limit(2).toList();
        assertThat(targets).hasSize(2);
        String batch = "failing-" + UUID.randomUUID().toString().substring(0, 8);
        tag(targets, batch);
        clock.advance(Duration.ofSeconds(61));
        inventory.tick().join();

        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Operator admin = new Operator("schedule-failure-it", "schedules@example.com", Set.of(Role.ADMIN));
        Schedule schedule = schedules.create(admin, new Caller("127.0.0.1", "ScheduleFailureNotificationIT", "create-" + batch),
                new ScheduleForm(batch, "UTC", List.of(new ScheduleForm.PeriodForm(List.of("MON", "TUE", "WED", "THU",
                        "FRI", "SAT", "SUN"), local(now.minus(Duration.ofMinutes(30))), local(now.plus(Duration.ofMinutes(2))))),
                        List.of(), "STOP_ONLY", false, new ScheduleForm.TargetForm(Map.of("Batch", batch), List.of(), List.of())));
        // EC2 refuses one of the two stops (a client error: the SDK does not retry it)
        ec2().failNext("StopInstances", 1, new Ec2Fault(Duration.ZERO, 400, "IncorrectInstanceState",
                "The instance is not in a state from which it can be stopped."));
        try {
            clock.advance(Duration.ofMinutes(3));
            assertThat(schedules.runDue()).as("the other instance is stopped all the same").isEqualTo(1);
        } finally {
            ec2().clearFaults();
        }

        List<AuditRecord> records = audit.query(AuditQuery.byUser("schedule:" + schedule.id())).records();
        assertThat(records).hasSize(2);
        AuditRecord failed = records.stream().filter(r -> r.outcome() == AuditOutcome.FAILED).findFirst().orElseThrow();
        AuditRecord succeeded = records.stream().filter(r -> r.outcome() == AuditOutcome.SUCCEEDED).findFirst().orElseThrow();

        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> !FAILURES.about(failed.resourceId()).isEmpty());
        assertThat(FAILURES.about(failed.resourceId())).singleElement().satisfies(delivery -> {
            assertThat(delivery.status()).isEqualTo(204);
            assertThat(delivery.body()).contains("\"type\":\"audit.record\"", "\"outcome\":\"FAILED\"",
                    "\"action\":\"STOP_INSTANCE\"", "IncorrectInstanceState", "\"userId\":\"schedule:" + schedule.id() + "\"",
                    "\"schedule\":\"" + batch + "\"");
        });
        assertThat(FAILURES.about(succeeded.resourceId())).as("the rule wants failed stops only").isEmpty();
    }

    private static String local(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalTime().toString();
    }

    private static void tag(List<InstanceSnapshot> instances, String value) {
        try (Ec2Client client = Ec2Client.builder().endpointOverride(ec2().endpoint()).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAILURES", "secret")))
                .build()) {
            client.createTags(r -> r.resources(instances.stream().map(InstanceSnapshot::instanceId).toList())
                    .tags(t -> t.key("Batch").value(value)));
        }
    }
}
