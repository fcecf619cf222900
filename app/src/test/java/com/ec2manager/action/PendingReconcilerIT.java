package com.ec2manager.action;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditCursorCodec;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditProperties;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.localaws.testing.MutableClock;
import com.ec2manager.testing.LocalStackTestBase;
import com.ec2manager.testing.TestReconcilers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one reconciler against DynamoDB Local: each pass reads the records written since the
 * previous pass and those still in flight — not the retention window — and settles what the
 * owning feature's judge infers. The judge here is a fake resource whose state the test sets.
 * Each test writes in a time window of its own, far in the future.
 */
@SpringBootTest(properties = "ec2manager.audit.reconciler.enabled=false")
class PendingReconcilerIT extends LocalStackTestBase {

    private static final AtomicInteger WINDOWS = new AtomicInteger();

    @Autowired
    DynamoDbClient dynamoDb;
    @Autowired
    AuditProperties properties;
    @Autowired
    AuditCursorCodec cursors;

    @Test
    void eachPassReadsOnlyTheRecordsWrittenSinceTheLastPassAndThoseStillInFlight() {
        MutableClock clock = new MutableClock(window());
        AuditTrail audit = new AuditTrail(dynamoDb, properties, clock, cursors);
        FakeResources resources = new FakeResources();
        PendingReconciler reconciler = TestReconcilers.create(audit, dynamoDb, clock, resources);
        String user = "rec-" + UUID.randomUUID();
        for (int i = 0; i < 30; i++) {
            String id = "res-" + i;
            audit.begin(intent(user, id));
            // a third of them cannot be judged yet: they stay in flight
            resources.state.put(id, i % 3 == 0 ? FakeResources.UNKNOWN : "started");
        }
        clock.advance(TestReconcilers.GRACE.plusSeconds(1));

        PendingReconciler.Pass first = reconciler.reconcile();
        assertThat(first).isEqualTo(new PendingReconciler.Pass(20, 10, 30));

        for (int i = 30; i < 35; i++) {
            audit.begin(intent(user, "res-" + i));
            resources.state.put("res-" + i, "started");
        }
        resources.state.replaceAll((id, state) -> "started");
        clock.advance(TestReconcilers.GRACE.plusSeconds(1));

        PendingReconciler.Pass second = reconciler.reconcile();
        assertThat(second).as("10 in flight re-read, 5 new read; the 20 settled are not read again")
                .isEqualTo(new PendingReconciler.Pass(15, 0, 15));

        clock.advance(Duration.ofMinutes(1));
        assertThat(reconciler.reconcile()).isEqualTo(new PendingReconciler.Pass(0, 0, 0));
        assertThat(audit.query(AuditQuery.byUser(user).withLimit(100)).records()).hasSize(35)
                .allSatisfy(record -> {
                    assertThat(record.outcome()).isEqualTo(AuditOutcome.INFERRED);
                    assertThat(record.inference()).startsWith("PROBABLY_PERFORMED");
                });
    }

    @Test
    void aRecordYoungerThanTheGracePeriodIsNotReadUntilItIsOlder() {
        MutableClock clock = new MutableClock(window());
        AuditTrail audit = new AuditTrail(dynamoDb, properties, clock, cursors);
        FakeResources resources = new FakeResources();
        PendingReconciler reconciler = TestReconcilers.create(audit, dynamoDb, clock, resources);
        String user = "rec-" + UUID.randomUUID();
        AuditRecord young = audit.begin(intent(user, "res-young"));
        resources.state.put("res-young", "started");

        clock.advance(TestReconcilers.GRACE.minusSeconds(1));
        assertThat(reconciler.reconcile()).isEqualTo(new PendingReconciler.Pass(0, 0, 0));

        clock.advance(Duration.ofSeconds(2));
        assertThat(reconciler.reconcile()).isEqualTo(new PendingReconciler.Pass(1, 0, 1));
        assertThat(audit.query(AuditQuery.byUser(user)).records()).singleElement()
                .satisfies(record -> assertThat(record.key()).isEqualTo(young.key()))
                .satisfies(record -> assertThat(record.outcome()).isEqualTo(AuditOutcome.INFERRED));
    }

    @Test
    void aGracePeriodNotLongerThanTheSlowestCallIsRefused() {
        assertThatThrownBy(() -> PendingReconciler.checkGrace(Duration.ofSeconds(5), Duration.ofSeconds(20)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("grace");
        assertThatThrownBy(() -> PendingReconciler.checkGrace(Duration.ofSeconds(20), Duration.ofSeconds(20)))
                .isInstanceOf(IllegalStateException.class);
        PendingReconciler.checkGrace(Duration.ofSeconds(21), Duration.ofSeconds(20));
    }

    private static Instant window() {
        return Instant.parse("2032-01-01T00:00:00Z").plus(Duration.ofDays(WINDOWS.incrementAndGet()));
    }

    private static AuditIntent intent(String user, String resource) {
        return new AuditIntent(new AuditActor(user, user + "@example.com", "127.0.0.1", "ReconcilerIT"),
                AuditAction.START_INSTANCE, ResourceType.EC2_INSTANCE, resource, AuditDetails.NONE, "req-" + resource);
    }

    /** Resources whose state the test decides: the fake a feature's judge would read from its service. */
    static final class FakeResources implements PendingJudge {
        static final String UNKNOWN = "unknown";
        final Map<String, String> state = new ConcurrentHashMap<>();

        @Override
        public boolean owns(AuditRecord record) {
            return record.userEmail() != null && record.userEmail().startsWith("rec-");
        }

        @Override
        public AuditResult judge(AuditRecord record) {
            String now = state.get(record.resourceId());
            if (now == null || now.equals(UNKNOWN)) {
                throw new IllegalStateException("the resource's state cannot be read now");
            }
            return AuditResult.inferred(AuditResult.Conclusion.PROBABLY_PERFORMED, now, "the resource was " + now);
        }

        @Override
        public Duration callTimeout() {
            return Duration.ofSeconds(1);
        }
    }
}
