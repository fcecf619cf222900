package com.ec2manager.instances;

import java.util.Optional;

import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an instance's state says about an action EC2 never confirmed: always inferred, never SUCCEEDED or FAILED. */
class InstancePendingJudgeTest {

    @Test
    void aStopWhoseInstanceIsStoppingOrStoppedIsInferredPerformedWithThatState() {
        AuditResult result = InstancePendingJudge.settle(InstanceAction.STOP, Optional.of(InstanceState.STOPPING));
        assertThat(result.outcome()).isEqualTo(AuditOutcome.INFERRED);
        assertThat(result.inference()).startsWith("PROBABLY_PERFORMED").contains("stopping");
        assertThat(result.newState()).isEqualTo("stopping");
        assertThat(InstancePendingJudge.settle(InstanceAction.STOP, Optional.of(InstanceState.STOPPED)).newState())
                .isEqualTo("stopped");
    }

    @Test
    void aStartOrTerminateIsJudgedByTheStatesItLeadsTo() {
        assertThat(InstancePendingJudge.settle(InstanceAction.START, Optional.of(InstanceState.RUNNING)).inference())
                .startsWith("PROBABLY_PERFORMED");
        assertThat(InstancePendingJudge.settle(InstanceAction.TERMINATE, Optional.of(InstanceState.TERMINATED)).inference())
                .startsWith("PROBABLY_PERFORMED");
        AuditResult stillRunning = InstancePendingJudge.settle(InstanceAction.TERMINATE, Optional.of(InstanceState.RUNNING));
        assertThat(stillRunning.outcome()).isEqualTo(AuditOutcome.INFERRED);
        assertThat(stillRunning.inference()).startsWith("PROBABLY_NOT_PERFORMED").contains("running");
    }

    @Test
    void aRebootIsUndeterminedWhateverTheStateNeverFailed() {
        AuditResult result = InstancePendingJudge.settle(InstanceAction.REBOOT, Optional.of(InstanceState.RUNNING));
        assertThat(result.outcome()).isEqualTo(AuditOutcome.INFERRED);
        assertThat(result.inference()).startsWith("UNDETERMINED");
        assertThat(result.errorCode()).isNull();
    }

    @Test
    void aVanishedInstanceIsUndetermined() {
        AuditResult result = InstancePendingJudge.settle(InstanceAction.STOP, Optional.empty());
        assertThat(result.outcome()).isEqualTo(AuditOutcome.INFERRED);
        assertThat(result.inference()).startsWith("UNDETERMINED").contains("no longer exists");
    }
}
