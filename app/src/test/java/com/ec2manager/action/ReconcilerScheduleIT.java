package com.ec2manager.action;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import com.ec2manager.Ec2ManagerApplication;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.localaws.ec2.Ec2EmulatorSettings;
import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.localaws.ec2.InstanceState;
import com.ec2manager.localaws.testing.MutableClock;
import com.ec2manager.testing.LocalStackTestBase;
import com.ec2manager.testing.TestLocalStack;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reconciler's own schedule, with nobody calling it: the timer (here every 200 ms) settles a
 * PENDING record once it is older than the grace period, and not before (judged by the instance
 * judge from the instance's real state in the shared EC2 emulator); and an application whose
 * grace period is not longer than its slowest call refuses to start. The application runs on a
 * hand-moved clock in a window of its own, far in the future, so that its passes meet no other
 * test's records; the context is closed afterwards so that its timer stops.
 */
@SpringBootTest(properties = {
        "ec2manager.audit.reconciler.enabled=true",
        "ec2manager.audit.reconciler.start-delay=0s",
        "ec2manager.audit.reconciler.interval=200ms",
        "ec2manager.audit.reconciler.grace=10s",
        "ec2manager.audit.reconciler.initial-lookback=10m",
        // a checkpoint of its own: the far-future mark must not hold up anyone else's passes
        "ec2manager.audit.reconciler.checkpoint-table=ec2-manager-reconciler-schedule-it",
        "ec2manager.aws.timeouts.dynamodb-call=3s",
        "ec2manager.aws.timeouts.ec2-attempt=2s", "ec2manager.aws.timeouts.ec2-call=4s",
        "ec2manager.aws.timeouts.cognito-attempt=2s", "ec2manager.aws.timeouts.cognito-call=4s",
        // a tamper alarm's acknowledgement is judged too: its S3 call must end within the grace as well
        "ec2manager.aws.timeouts.s3-attempt=2s", "ec2manager.aws.timeouts.s3-call=4s"
})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@org.springframework.context.annotation.Import(ReconcilerScheduleIT.FarFutureClock.class)
class ReconcilerScheduleIT extends LocalStackTestBase {

    private static final String REGION = "us-east-1";

    @Autowired
    AuditTrail audit;
    @Autowired
    MutableClock clock;

    /**
     * Imported, not a {@code @TestConfiguration}: contexts built from the application class without
     * Spring Boot's test filter (ModeWiringIT) would scan it in as a second primary clock.
     */
    static class FarFutureClock {

        @Bean
        @Primary
        MutableClock farFutureClock() {
            return new MutableClock(Instant.parse("2034-06-01T00:00:00Z").plusSeconds(UUID.randomUUID().hashCode() & 0xffff));
        }
    }

    @Test
    void theTimerSettlesAPendingRecordOnceItIsOlderThanTheGraceWithoutAnyoneCallingTheReconciler() throws Exception {
        // a stop EC2 never heard of, of an instance that keeps running: the instance judge reads its real state
        InstanceSnapshot running = TestLocalStack.get().ec2().instances(REGION).stream()
                .filter(i -> i.state() == InstanceState.RUNNING).findFirst().orElseThrow();
        String user = "schedule-user-" + UUID.randomUUID();
        AuditRecord pending = audit.begin(new AuditIntent(new AuditActor(user, user + "@example.com",
                "127.0.0.1", "ReconcilerScheduleIT"), AuditAction.STOP_INSTANCE, ResourceType.EC2_INSTANCE,
                running.instanceId(), AuditDetails.ofInstance(running.instanceType(), "running", REGION, "test",
                        Ec2EmulatorSettings.DEFAULT_ACCOUNT_ID, null), "req-" + user));

        clock.advance(Duration.ofSeconds(9));
        Thread.sleep(1_000); // five passes of the timer: the record is younger than the grace, so none reads it
        assertThat(outcome(pending)).isEqualTo(AuditOutcome.PENDING);

        clock.advance(Duration.ofSeconds(2));
        assertThat(eventually(() -> outcome(pending), AuditOutcome.INFERRED, Duration.ofSeconds(20)))
                .as("settled by the timer").isEqualTo(AuditOutcome.INFERRED);
        assertThat(current(pending).inference()).startsWith("PROBABLY_NOT_PERFORMED").contains("running");
    }

    @Test
    void anApplicationWhoseGraceIsNotLongerThanItsSlowestCallRefusesToStart() {
        List<String> arguments = new java.util.ArrayList<>(TestLocalStack.applicationArguments());
        arguments.add("--server.port=0");
        // EC2's default call timeout is 20 s: with a grace of 20 s an action EC2 performed could be judged
        arguments.add("--ec2manager.audit.reconciler.grace=20s");
        var application = new SpringApplicationBuilder(Ec2ManagerApplication.class);

        assertThatThrownBy(() -> application.run(arguments.toArray(String[]::new))).rootCause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ec2manager.audit.reconciler.grace (PT20S) must be longer than the slowest call's "
                        + "timeout (PT20S)");
    }

    private AuditOutcome outcome(AuditRecord record) {
        return current(record).outcome();
    }

    private AuditRecord current(AuditRecord record) {
        return audit.readAll(List.of(record.key())).get(0);
    }

    private static <T> T eventually(Supplier<T> value, T expected, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        T current = value.get();
        while (!expected.equals(current) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            current = value.get();
        }
        return current;
    }
}
