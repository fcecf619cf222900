package com.ec2manager.instances;

import java.util.Optional;

import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PendingActionReconcilerTest {

    @Test
    void aStopWhoseInstanceIsStoppingOrStoppedSucceededWithThatState() {
        AuditResult result = PendingActionReconciler.settle(InstanceAction.STOP, Optional.of(InstanceState.STOPPING));
        assertThat(result.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
        assertThat(result.newState()).isEqualTo("stopping");
        assertThat(PendingActionReconciler.settle(InstanceAction.STOP, Optional.of(InstanceState.STOPPED)).newState())
                .isEqualTo("stopped");
    }

    @Test
    void aStartOrTerminateIsJudgedByTheStatesItLeadsTo() {
        assertThat(PendingActionReconciler.settle(InstanceAction.START, Optional.of(InstanceState.RUNNING)).outcome())
                .isEqualTo(AuditOutcome.SUCCEEDED);
        assertThat(PendingActionReconciler.settle(InstanceAction.TERMINATE, Optional.of(InstanceState.TERMINATED)).outcome())
                .isEqualTo(AuditOutcome.SUCCEEDED);
        AuditResult stillRunning = PendingActionReconciler.settle(InstanceAction.TERMINATE, Optional.of(InstanceState.RUNNING));
        assertThat(stillRunning.outcome()).isEqualTo(AuditOutcome.FAILED);
        assertThat(stillRunning.errorCode()).isEqualTo("Reconciled.Unknown");
        assertThat(stillRunning.errorMessage()).contains("running");
    }

    @Test
    void aRebootCannotBeConfirmedFromTheState() {
        AuditResult result = PendingActionReconciler.settle(InstanceAction.REBOOT, Optional.of(InstanceState.RUNNING));
        assertThat(result.outcome()).isEqualTo(AuditOutcome.FAILED);
        assertThat(result.errorCode()).isEqualTo("Reconciled.Unknown");
    }

    @Test
    void aVanishedInstanceSettlesAsFailed() {
        AuditResult result = PendingActionReconciler.settle(InstanceAction.STOP, Optional.empty());
        assertThat(result.outcome()).isEqualTo(AuditOutcome.FAILED);
        assertThat(result.errorCode()).isEqualTo("Reconciled.InstanceNotFound");
    }
}
