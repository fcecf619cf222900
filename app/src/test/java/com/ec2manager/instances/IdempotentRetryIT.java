package com.ec2manager.instances;

import java.time.Duration;

import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.testing.TestReconcilers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * EC2 acts and its answer never arrives (the emulator stalls after acting, past the SDK's call
 * timeout): the caller hears 503 "outcome unknown" and the record stays PENDING. A retry with the
 * same Idempotency-Key must not act again: while the record is PENDING it is told to wait, and
 * once the reconciler has settled it, the settled outcome is replayed.
 */
@TestPropertySource(properties = {"ec2manager.aws.timeouts.ec2-attempt=1s", "ec2manager.aws.timeouts.ec2-call=2s"})
class IdempotentRetryIT extends SharedStackTestSupport {

    @Autowired
    InstancePendingJudge judge;
    @Autowired
    DynamoDbClient dynamoDb;

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
        TestEc2.get().stallAfterActing(stalledRegion, Duration.ofSeconds(4));
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
    void aRetryAfterNothingWasDoneActsAndAKeyUsedByAnAnswerIsReplayed() throws Exception {
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

    private static long stopCalls(InstanceSnapshot target) {
        return TestEc2.get().calls().stream()
                .filter(call -> call.operation().equals("StopInstances") && call.instanceIds().contains(target.instanceId()))
                .count();
    }
}
