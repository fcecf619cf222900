package com.ec2manager.instances;

import java.time.Duration;
import java.util.Map;

import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.localaws.ec2.Ec2Fault;
import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.localaws.ec2.InstanceState;
import com.ec2manager.testing.TestReconcilers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.ResultActions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * EC2 acts and its answer never arrives (the emulator stalls after acting, past the SDK's call
 * timeout): the caller hears 503 "outcome unknown" and the record stays PENDING. A retry with the
 * same Idempotency-Key must not act again: while the record is PENDING it is told to wait, and
 * once the reconciler has settled it, the settled outcome is replayed.
 *
 * <p>A key whose request was cut off by a crash is left claimed ({@code IN_PROGRESS}, nothing after
 * the claim). A repeat is told to wait only while the first request could still be running (the
 * lease, on the test's clock); after it the audit trail decides — the settled outcome is replayed,
 * or, when the first request wrote no record, nothing was done and the repeat acts. Never stuck for
 * the key's 24 h.
 */
// short enough to give up on a stalled stop quickly, long enough for the inventory's first full read on a busy machine
@TestPropertySource(properties = {"ec2manager.aws.timeouts.ec2-attempt=3s", "ec2manager.aws.timeouts.ec2-call=6s"})
class IdempotentRetryIT extends SharedStackTestSupport {

    @Autowired
    InstancePendingJudge judge;
    @Autowired
    DynamoDbClient dynamoDb;

    /** The claim's lease ({@code IdempotencyFilter.REQUEST_LEASE}). */
    private static final Duration LEASE = Duration.ofMinutes(10);

    private String stalledRegion;

    @AfterEach
    void heal() {
        if (stalledRegion != null) {
            TestEc2.get().healRegion(stalledRegion);
        }
    }

    @Test
    void aRetryAfterAnUnknownOutcomeNeverActsAgainAndReplaysTheSettledOutcome() throws Exception {
        Caller admin = admin();
        InstanceSnapshot target = TestEc2.take(TestEc2.plainRunning());
        stalledRegion = target.region();
        TestEc2.get().stallAfterActing(stalledRegion, Duration.ofSeconds(8));
        String path = "/api/v1/instances/" + target.instanceId() + "/stop";

        mvc.perform(postAs(admin, path, body("unknown outcome")).header("Idempotency-Key", "stop-once"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.code").value("Ec2Unreachable"));
        TestEc2.get().healRegion(stalledRegion);
        long stops = stopCalls(target);
        assertThat(stops).as("EC2 was asked, and acted").isPositive();

        mvc.perform(postAs(admin, path, body("unknown outcome")).header("Idempotency-Key", "stop-once"))
                .andExpect(status().isConflict())
                .andExpect(header().exists("Retry-After"));

        clock.advance(TestReconcilers.GRACE.plusSeconds(1));
        TestReconcilers.create(audit, dynamoDb, clock, judge).reconcile();

        mvc.perform(postAs(admin, path, body("unknown outcome")).header("Idempotency-Key", "stop-once"))
                .andExpect(status().isOk())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(jsonPath("$.outcomes[0].outcome").value("INFERRED"))
                .andExpect(jsonPath("$.outcomes[0].resourceId").value(target.instanceId()));
        assertThat(stopCalls(target)).as("no retry reached EC2").isEqualTo(stops);
        assertThat(recordsOf(admin)).singleElement()
                .satisfies(record -> assertThat(record.inference()).startsWith("PROBABLY_PERFORMED"));
    }

    @Test
    void anInternalErrorOfEc2IsAnUnknownOutcomeThatKeepsTheKeyAndTheRecordPending() throws Exception {
        Caller admin = admin();
        InstanceSnapshot target = TestEc2.take(TestEc2.plainRunning());
        String path = "/api/v1/instances/" + target.instanceId() + "/stop";
        // every attempt of the call (the SDK retries a 500) answers InternalError
        TestEc2.get().failNext("StopInstances", 10, Ec2Fault.internalError());
        try {
            stop(admin, path, "internal-error").andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.code").value("InternalError"));
        } finally {
            TestEc2.get().failNext("StopInstances", 0, Ec2Fault.internalError());
        }
        assertThat(recordsOf(admin)).singleElement().satisfies(record -> assertThat(record.outcome())
                .as("EC2 failed inside, perhaps after acting: never FAILED").isEqualTo(AuditOutcome.PENDING));
        long stops = stopCalls(target);

        stop(admin, path, "internal-error").andExpect(status().isConflict()).andExpect(header().exists("Retry-After"));
        assertThat(stopCalls(target)).as("the key was kept: the repeat did not reach EC2").isEqualTo(stops);

        clock.advance(TestReconcilers.GRACE.plusSeconds(1));
        TestReconcilers.create(audit, dynamoDb, clock, judge).reconcile();
        assertThat(recordsOf(admin)).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.INFERRED);
            assertThat(record.inference()).startsWith("PROBABLY_NOT_PERFORMED").contains("running");
        });
    }

    @Test
    void aRetryOfARequestThatWasAnsweredIsReplayedAndDoesNotActAgain() throws Exception {
        Caller admin = admin();
        InstanceSnapshot target = TestEc2.take(TestEc2.plainRunning());
        String path = "/api/v1/instances/" + target.instanceId() + "/reboot";

        mvc.perform(postAs(admin, path, body("first")).header("Idempotency-Key", "reboot-once"))
                .andExpect(status().isOk());
        long reboots = TestEc2.get().calls().stream().filter(c -> c.operation().equals("RebootInstances")
                && c.instanceIds().contains(target.instanceId())).count();
        mvc.perform(postAs(admin, path, body("first")).header("Idempotency-Key", "reboot-once"))
                .andExpect(status().isOk())
                .andExpect(header().string("Idempotent-Replayed", "true"));
        assertThat(TestEc2.get().calls().stream().filter(c -> c.operation().equals("RebootInstances")
                && c.instanceIds().contains(target.instanceId())).count()).isEqualTo(reboots);
    }

    @Test
    void aRetryAfterAnAnswerThatNothingWasDoneActs() throws Exception {
        Caller admin = admin();
        InstanceSnapshot target = TestEc2.take(TestEc2.plainRunning());
        String path = "/api/v1/instances/" + target.instanceId() + "/stop";
        // EC2 throttles every attempt the SDK makes: a throttled request is one EC2 did not act on
        TestEc2.get().failNext("StopInstances", 1_000, Ec2Fault.throttled());
        try {
            stop(admin, path, "throttled").andExpect(status().isServiceUnavailable())
                    .andExpect(header().exists("Retry-After"))
                    .andExpect(jsonPath("$.code").value("RequestLimitExceeded"));
        } finally {
            TestEc2.get().clearFaults();
        }
        assertThat(stateOf(target)).as("nothing was done").isEqualTo(InstanceState.RUNNING);

        stop(admin, path, "throttled").andExpect(status().isOk())
                .andExpect(header().doesNotExist("Idempotent-Replayed"));
        assertThat(stateOf(target)).isIn(InstanceState.STOPPING, InstanceState.STOPPED);
        assertThat(recordsOf(admin)).extracting(record -> record.outcome().name())
                .as("the refused request's record and the repeat's, newest first").containsExactly("SUCCEEDED", "FAILED");
    }

    @Test
    void aKeyCutOffAfterItsRecordWasWrittenReplaysTheSettledOutcomeOnceTheLeaseIsOver() throws Exception {
        Caller admin = admin();
        InstanceSnapshot target = TestEc2.take(TestEc2.plainRunning());
        stalledRegion = target.region();
        TestEc2.get().stallAfterActing(stalledRegion, Duration.ofSeconds(8));
        String path = "/api/v1/instances/" + target.instanceId() + "/stop";
        stop(admin, path, "cut-off").andExpect(status().isServiceUnavailable());
        TestEc2.get().healRegion(stalledRegion);
        crashed(admin, "cut-off", null);
        long stops = stopCalls(target);

        stop(admin, path, "cut-off").andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("still being served")));
        clock.advance(TestReconcilers.GRACE.plusSeconds(1));
        TestReconcilers.create(audit, dynamoDb, clock, judge).reconcile();
        clock.advance(LEASE.minus(TestReconcilers.GRACE).minusSeconds(5));
        // within the lease the first request may still be running, settled record or not
        stop(admin, path, "cut-off").andExpect(status().isConflict());

        clock.advance(Duration.ofSeconds(10));
        stop(admin, path, "cut-off").andExpect(status().isOk())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(jsonPath("$.outcomes[0].outcome").value("INFERRED"))
                .andExpect(jsonPath("$.outcomes[0].resourceId").value(target.instanceId()));
        assertThat(stopCalls(target)).as("no repeat reached EC2").isEqualTo(stops);
    }

    @Test
    void aKeyCutOffBeforeItsRequestWroteAnyRecordIsServedAgainOnceTheLeaseIsOver() throws Exception {
        Caller admin = admin();
        InstanceSnapshot target = TestEc2.take(TestEc2.plainRunning());
        String path = "/api/v1/instances/" + target.instanceId() + "/stop";
        stalledRegion = target.region();
        TestEc2.get().stallAfterActing(stalledRegion, Duration.ofSeconds(8));
        stop(admin, path, "cut-off-early").andExpect(status().isServiceUnavailable());
        TestEc2.get().healRegion(stalledRegion);
        // as if the claim were all the first request did: its id names no audit record
        crashed(admin, "cut-off-early", "request-that-wrote-nothing");

        stop(admin, path, "cut-off-early").andExpect(status().isConflict());
        clock.advance(LEASE.plusSeconds(1));
        stop(admin, path, "cut-off-early").andExpect(status().isOk())
                .andExpect(header().doesNotExist("Idempotent-Replayed"));
        assertThat(recordsOf(admin)).as("the first request's record and the repeat's").hasSize(2);
    }

    /** Leaves the key as a request cut off by a crash leaves it: claimed, and nothing after the claim. */
    private void crashed(Caller admin, String key, String requestId) {
        StringBuilder update = new StringBuilder("SET #state = :claimed");
        Map<String, String> names = new java.util.HashMap<>(Map.of("#state", "state"));
        Map<String, AttributeValue> values = new java.util.HashMap<>(Map.of(":claimed", AttributeValue.fromS("IN_PROGRESS")));
        if (requestId != null) {
            update.append(", #rid = :rid");
            names.put("#rid", "requestId");
            values.put(":rid", AttributeValue.fromS(requestId));
        }
        dynamoDb.updateItem(r -> r.tableName("ec2-manager-idempotency")
                .key(Map.of("idempotencyKey", AttributeValue.fromS(admin.userId() + "#" + key)))
                .updateExpression(update.toString()).expressionAttributeNames(names).expressionAttributeValues(values)
                .conditionExpression("attribute_exists(idempotencyKey)"));
    }

    private ResultActions stop(Caller admin, String path, String key) throws Exception {
        return mvc.perform(postAs(admin, path, body("crash")).header("Idempotency-Key", key));
    }

    private static InstanceState stateOf(InstanceSnapshot target) {
        return TestEc2.get().instance(target.region(), target.instanceId()).orElseThrow().state();
    }

    private static long stopCalls(InstanceSnapshot target) {
        return TestEc2.get().calls().stream()
                .filter(call -> call.operation().equals("StopInstances") && call.instanceIds().contains(target.instanceId()))
                .count();
    }
}
