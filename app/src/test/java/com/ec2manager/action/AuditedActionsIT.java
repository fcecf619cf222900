package com.ec2manager.action;

import java.util.List;
import java.util.UUID;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.testing.LocalStackTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The kernel's own branches, with calls that fail the way no service answers: a defect of ours
 * after the PENDING record is written leaves the outcome unknown, never FAILED and never lost; a
 * refusal of our own before any call is one FAILED record with its code.
 */
@SpringBootTest(properties = "ec2manager.audit.reconciler.enabled=false")
class AuditedActionsIT extends LocalStackTestBase {

    @Autowired
    AuditedActions kernel;
    @Autowired
    AuditTrail audit;

    @Test
    void aCallThatThrowsUnexpectedlyIsAnUnknownOutcomeAndItsRecordStaysPendingForTheReconciler() {
        String user = "kernel-" + UUID.randomUUID();

        CallOutcome<String> outcome = kernel.perform(intent(user, "i-0kernel000000001"), () -> {
            throw new IllegalStateException("a defect of ours, after the request may have left");
        });

        assertThat(outcome).isInstanceOfSatisfying(CallOutcome.Unknown.class,
                unknown -> assertThat(unknown.code()).isEqualTo("InternalError"));
        assertThatThrownBy(() -> AuditedActions.answer(outcome)).isInstanceOf(OutcomeUnknownException.class);
        assertThat(records(user)).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.PENDING);
            assertThat(record.resourceId()).isEqualTo("i-0kernel000000001");
            // settled here so that the shared table's reconcilers do not carry a made-up instance in flight
            audit.complete(record.key(), AuditResult.failed("TestSettled", "settled by the test", null));
        });
    }

    @Test
    void aCallThatIsDoneCompletesItsRecordOnceAsSucceeded() {
        String user = "kernel-" + UUID.randomUUID();

        CallOutcome<String> outcome = kernel.perform(intent(user, "i-0kernel000000002"),
                () -> new CallOutcome.Done<>("stopped", "stopping", "req-from-the-service"));

        assertThat(AuditedActions.answer(outcome)).isEqualTo("stopped");
        assertThat(records(user)).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
            assertThat(record.newState()).isEqualTo("stopping");
            assertThat(record.awsRequestId()).isEqualTo("req-from-the-service");
        });
    }

    @Test
    void aRefusalOfOurOwnBeforeAnyCallIsOneFailedRecordWithItsCode() {
        String user = "kernel-" + UUID.randomUUID();

        kernel.refuseBeforeCalling(intent(user, "i-0kernel000000003"), "OperationNotPermitted",
                "The instance has stop protection");

        assertThat(records(user)).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(record.errorCode()).isEqualTo("OperationNotPermitted");
            assertThat(record.errorMessage()).isEqualTo("The instance has stop protection");
        });
    }

    private List<AuditRecord> records(String user) {
        return audit.query(AuditQuery.byUser(user).withLimit(10)).records();
    }

    private static AuditIntent intent(String user, String instanceId) {
        return new AuditIntent(new AuditActor(user, user + "@example.com", "127.0.0.1", "AuditedActionsIT"),
                AuditAction.STOP_INSTANCE, ResourceType.EC2_INSTANCE, instanceId, AuditDetails.NONE,
                "req-" + UUID.randomUUID());
    }
}
