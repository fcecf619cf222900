package com.ec2manager.action;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.AuditUnavailableException;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.localaws.testing.MutableClock;
import com.ec2manager.testing.MutableClockConfiguration;
import com.ec2manager.testing.RestartableDynamoDbLocal;
import com.ec2manager.testing.TestLocalStack;
import com.ec2manager.testing.TestReconcilers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * "503, nothing was done" must stay true. DynamoDB hangs (its process frozen) while the PENDING
 * record is written: the SDK gives up after the call timeout and the caller is told nothing was
 * done, but the attempts it sent are still in DynamoDB's socket buffers and land once it runs
 * again. The reconciler then settles that record as not performed — never from the resource's
 * state, since the service was never called.
 */
@SpringBootTest(properties = "ec2manager.audit.reconciler.enabled=false")
@Import(MutableClockConfiguration.class)
class AbandonedWriteIT {

    private static final RestartableDynamoDbLocal dynamoDbLocal = RestartableDynamoDbLocal.start();

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestLocalStack.register(registry);
        registry.add("ec2manager.aws.endpoints.dynamodb", () -> dynamoDbLocal.endpoint().toString());
    }

    @AfterAll
    static void stop() {
        dynamoDbLocal.close();
    }

    @Autowired
    AuditedActions kernel;
    @Autowired
    AbandonedRecords abandoned;
    @Autowired
    AuditTrail audit;
    @Autowired
    DynamoDbClient dynamoDb;
    @Autowired
    MutableClock clock;

    @Test
    void aPendingWriteThatTimesOutIsNeverCalledAndEndsNotPerformedEvenIfItLandsLate() throws Exception {
        String user = "abandon-" + UUID.randomUUID();
        AtomicBoolean called = new AtomicBoolean();
        StateOf resources = new StateOf("started");
        PendingReconciler reconciler = TestReconcilers.create(audit, dynamoDb, clock, abandoned, resources);

        dynamoDbLocal.pause();
        try {
            assertThatThrownBy(() -> kernel.perform(intent(user), () -> {
                called.set(true);
                return new CallOutcome.Done<>("done", "started", null);
            })).isInstanceOf(AuditUnavailableException.class);
        } finally {
            dynamoDbLocal.resume();
        }
        assertThat(called).as("nothing was called").isFalse();
        Thread.sleep(2000); // DynamoDB works off the requests that reached it while frozen
        List<AuditRecord> landed = records(user);

        clock.advance(TestReconcilers.GRACE.plus(Duration.ofSeconds(1)));
        reconciler.reconcile();

        assertThat(records(user)).as("late write landed: %s", !landed.isEmpty()).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(record.errorCode()).isEqualTo(AuditResult.NOT_PERFORMED);
        });
        assertThat(resources.judged).as("never judged from the resource's state").isFalse();
    }

    private List<AuditRecord> records(String user) {
        return audit.query(AuditQuery.byUser(user).withLimit(10)).records();
    }

    private static AuditIntent intent(String user) {
        return new AuditIntent(new AuditActor(user, user + "@example.com", "127.0.0.1", "AbandonedWriteIT"),
                AuditAction.START_INSTANCE, ResourceType.EC2_INSTANCE, "i-0123456789abcdef0", AuditDetails.NONE, "req-1");
    }

    /** A resource that someone else started meanwhile: judged from state, the start would look performed. */
    static final class StateOf implements PendingJudge {
        final String state;
        volatile boolean judged;

        StateOf(String state) {
            this.state = state;
        }

        @Override
        public boolean owns(AuditRecord record) {
            return record.userId().startsWith("abandon-");
        }

        @Override
        public AuditResult judge(AuditRecord record) {
            judged = true;
            return AuditResult.inferred(AuditResult.Conclusion.PROBABLY_PERFORMED, state, "the resource was " + state);
        }

        @Override
        public Duration callTimeout() {
            return Duration.ofSeconds(1);
        }
    }
}
