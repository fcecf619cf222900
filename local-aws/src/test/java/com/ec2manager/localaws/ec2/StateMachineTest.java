package com.ec2manager.localaws.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StateMachineTest {

    private static final Instant T0 = Instant.parse("2025-06-02T09:00:00Z");
    private static final Duration DELAY = Duration.ofSeconds(5);
    private final StateMachine machine = new StateMachine(DELAY);

    @Test
    void startingAStoppedInstanceIsPendingUntilTheDelayThenRunning() {
        Ec2Instance started = machine.apply(InstanceAction.START, instance(InstanceState.STOPPED, false, false), T0, false);
        assertThat(started.state()).isEqualTo(InstanceState.PENDING);
        assertThat(started.launchTime()).isEqualTo(T0);
        assertThat(started.at(T0.plus(DELAY).minusMillis(1)).state()).isEqualTo(InstanceState.PENDING);
        Ec2Instance running = started.at(T0.plus(DELAY));
        assertThat(running.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(running.lifecycle().reason()).isEmpty();
        assertThat(running.lifecycle().stateReasonCode()).isNull();
    }

    @Test
    void aStopReleasesThePublicAddressAndTheNextStartAssignsANewOne() {
        Ec2Instance running = instance(InstanceState.RUNNING, false, false);
        assertThat(running.visiblePublicIp()).isEqualTo("54.1.2.3");

        Ec2Instance stopped = machine.apply(InstanceAction.STOP, running, T0, false).at(T0.plus(DELAY));
        assertThat(stopped.visiblePublicIp()).isNull();
        assertThat(stopped.publicDnsName()).isEmpty();

        Instant later = T0.plusSeconds(60);
        Ec2Instance restarted = machine.apply(InstanceAction.START, stopped, later, false).at(later.plus(DELAY));
        assertThat(restarted.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(restarted.visiblePublicIp()).isNotNull().isNotEqualTo("54.1.2.3")
                .matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        // a reboot keeps the address
        assertThat(machine.apply(InstanceAction.REBOOT, restarted, later.plusSeconds(60), false).visiblePublicIp())
                .isEqualTo(restarted.visiblePublicIp());
    }

    @Test
    void anInstanceWithoutAPublicAddressGetsNoneOnStart() {
        Ec2Instance privateOnly = instance(InstanceState.STOPPED, false, false).withPublicIp(null);
        Ec2Instance started = machine.apply(InstanceAction.START, privateOnly, T0, false).at(T0.plus(DELAY));
        assertThat(started.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(started.visiblePublicIp()).isNull();
    }

    @Test
    void stoppingARunningInstanceGoesThroughStoppingWithAUserInitiatedReason() {
        Ec2Instance stopping = machine.apply(InstanceAction.STOP, instance(InstanceState.RUNNING, false, false), T0, false);
        assertThat(stopping.state()).isEqualTo(InstanceState.STOPPING);
        assertThat(stopping.lifecycle().reason()).isEqualTo("User initiated (2025-06-02 09:00:00 GMT)");
        Ec2Instance stopped = stopping.at(T0.plus(DELAY));
        assertThat(stopped.state()).isEqualTo(InstanceState.STOPPED);
        assertThat(stopped.lifecycle().stateReasonCode()).isEqualTo("Client.UserInitiatedShutdown");
        assertThat(stopped.lifecycle().stateReasonMessage()).isEqualTo("Client.UserInitiatedShutdown: User initiated shutdown");
    }

    @Test
    void aForcedStopEndsAStopInProgressAtOnce() {
        Ec2Instance stopping = machine.apply(InstanceAction.STOP, instance(InstanceState.RUNNING, false, false), T0, false);
        Ec2Instance forced = machine.apply(InstanceAction.STOP, stopping.at(T0.plusSeconds(1)), T0.plusSeconds(1), true);
        assertThat(forced.at(T0.plusSeconds(1)).state()).isEqualTo(InstanceState.STOPPED);
    }

    @Test
    void terminatingGoesThroughShuttingDownAndVanishesAfterTheRetention() {
        Ec2Instance ending = machine.apply(InstanceAction.TERMINATE, instance(InstanceState.STOPPED, false, true), T0, false);
        assertThat(ending.state()).isEqualTo(InstanceState.SHUTTING_DOWN);
        Instant terminatedAt = T0.plus(DELAY);
        assertThat(ending.at(terminatedAt).state()).isEqualTo(InstanceState.TERMINATED);
        Duration hour = Duration.ofHours(1);
        assertThat(ending.lifecycle().vanishedAt(terminatedAt.plus(hour).minusSeconds(1), hour)).isFalse();
        assertThat(ending.lifecycle().vanishedAt(terminatedAt.plus(hour), hour)).isTrue();
    }

    @Test
    void actionsThatFindTheInstanceWhereTheyLeadChangeNothing() {
        for (InstanceState state : new InstanceState[] {InstanceState.RUNNING, InstanceState.PENDING}) {
            Ec2Instance instance = instance(state, false, false);
            assertThat(machine.refusal(InstanceAction.START, instance)).isEmpty();
            assertThat(machine.apply(InstanceAction.START, instance, T0, false)).isSameAs(instance);
        }
        for (InstanceState state : new InstanceState[] {InstanceState.STOPPED, InstanceState.STOPPING}) {
            Ec2Instance instance = instance(state, false, false);
            assertThat(machine.refusal(InstanceAction.STOP, instance)).isEmpty();
            assertThat(machine.apply(InstanceAction.STOP, instance, T0, false)).isSameAs(instance);
        }
        Ec2Instance terminated = instance(InstanceState.TERMINATED, false, false);
        assertThat(machine.refusal(InstanceAction.TERMINATE, terminated)).isEmpty();
        assertThat(machine.apply(InstanceAction.TERMINATE, terminated, T0, false)).isSameAs(terminated);
        Ec2Instance running = instance(InstanceState.RUNNING, false, false);
        assertThat(machine.apply(InstanceAction.REBOOT, running, T0, false)).isSameAs(running);
    }

    @Test
    void illegalTransitionsAreRefusedWithEc2sMessages() {
        assertRefused(InstanceAction.START, InstanceState.STOPPING, "IncorrectInstanceState",
                "The instance 'i-0123456789abcdef0' is not in a state from which it can be started.");
        assertRefused(InstanceAction.START, InstanceState.TERMINATED, "IncorrectInstanceState",
                "The instance 'i-0123456789abcdef0' is not in a state from which it can be started.");
        assertRefused(InstanceAction.STOP, InstanceState.TERMINATED, "IncorrectInstanceState",
                "This instance 'i-0123456789abcdef0' is not in a state from which it can be stopped.");
        assertRefused(InstanceAction.STOP, InstanceState.PENDING, "IncorrectInstanceState",
                "This instance 'i-0123456789abcdef0' is not in a state from which it can be stopped.");
        assertRefused(InstanceAction.REBOOT, InstanceState.STOPPED, "IncorrectInstanceState",
                "The instance 'i-0123456789abcdef0' is not in a state from which it can be rebooted.");
    }

    @Test
    void protectedInstancesRefuseTheProtectedActionOnly() {
        Ec2Instance terminationProtected = instance(InstanceState.RUNNING, true, false);
        assertThat(machine.refusal(InstanceAction.TERMINATE, terminationProtected)).get()
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo("OperationNotPermitted");
                    assertThat(e.getMessage()).isEqualTo("The instance 'i-0123456789abcdef0' may not be terminated. "
                            + "Modify its 'disableApiTermination' instance attribute and try again.");
                });
        assertThat(machine.refusal(InstanceAction.STOP, terminationProtected)).isEmpty();
        Ec2Instance stopProtected = instance(InstanceState.RUNNING, false, true);
        assertThat(machine.refusal(InstanceAction.STOP, stopProtected)).get()
                .satisfies(e -> assertThat(e.getMessage()).isEqualTo("The instance 'i-0123456789abcdef0' may not be "
                        + "stopped. Modify its 'disableApiStop' instance attribute and try again."));
        assertThat(machine.refusal(InstanceAction.TERMINATE, stopProtected)).isEmpty();
    }

    private void assertRefused(InstanceAction action, InstanceState state, String code, String message) {
        assertThat(machine.refusal(action, instance(state, false, false))).get().satisfies(e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    static Ec2Instance instance(InstanceState state, boolean terminationProtected, boolean stopProtected) {
        return new Ec2Instance("i-0123456789abcdef0", "r-0123456789abcdef0", 0, "us-east-1", "us-east-1a",
                "ami-0123456789abcdef0", "t3.micro", Platform.LINUX, "x86_64", "ops", "vpc-1", "subnet-1", "sg-1",
                "app-tier", "10.0.0.10", "54.1.2.3", "vol-1", T0.minusSeconds(86_400), T0.minusSeconds(86_400),
                terminationProtected, stopProtected, false, Map.of("Name", "test"),
                Lifecycle.settledIn(state, T0.minusSeconds(3600)));
    }
}
