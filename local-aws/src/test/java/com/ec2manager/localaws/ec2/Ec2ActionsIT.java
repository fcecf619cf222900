package com.ec2manager.localaws.ec2;

import static com.ec2manager.localaws.ec2.Ec2DescribeIT.filter;
import static com.ec2manager.localaws.ec2.Ec2DescribeIT.instances;
import static com.ec2manager.localaws.ec2.Ec2DescribeIT.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Tag;

/** The state machine and the tag operations through the real SDK, with a clock the test moves. */
class Ec2ActionsIT {

    private static final Duration DELAY = Ec2EmulatorSettings.DEFAULT_TRANSITION_DELAY;

    @TempDir
    Path dataDir;
    EmulatorHarness harness;
    Ec2Client ec2;

    @BeforeEach
    void start() {
        harness = EmulatorHarness.standard(dataDir);
        ec2 = harness.client("us-east-1");
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void stopThenStartWalksThroughEc2sStatesAndCodes() {
        String id = unprotectedRunning().get(0);
        InstanceStateChange stop = ec2.stopInstances(r -> r.instanceIds(id)).stoppingInstances().get(0);
        assertThat(stop.instanceId()).isEqualTo(id);
        assertThat(stop.previousState().code()).isEqualTo(16);
        assertThat(stop.currentState().code()).isEqualTo(64);
        assertThat(stop.currentState().name()).isEqualTo(InstanceStateName.STOPPING);
        assertThat(state(id)).isEqualTo(InstanceStateName.STOPPING);
        harness.clock.advance(DELAY.minusMillis(1));
        assertThat(state(id)).isEqualTo(InstanceStateName.STOPPING);
        harness.clock.advance(Duration.ofMillis(1));
        Instance stopped = describe(id);
        assertThat(stopped.state().code()).isEqualTo(80);
        assertThat(stopped.publicIpAddress()).isNull();
        assertThat(stopped.stateReason().code()).isEqualTo("Client.UserInitiatedShutdown");

        InstanceStateChange start = ec2.startInstances(r -> r.instanceIds(id)).startingInstances().get(0);
        assertThat(start.previousState().code()).isEqualTo(80);
        assertThat(start.currentState().code()).isZero();
        assertThat(start.currentState().name()).isEqualTo(InstanceStateName.PENDING);
        harness.clock.advance(DELAY);
        Instance running = describe(id);
        assertThat(running.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(running.launchTime()).isEqualTo(harness.clock.instant().minus(DELAY));
        assertThat(running.stateReason()).isNull();
        assertThat(running.stateTransitionReason()).isEmpty();
    }

    @Test
    void startingARunningAndStoppingAStoppedInstanceChangeNothing() {
        String running = unprotectedRunning().get(0);
        InstanceStateChange start = ec2.startInstances(r -> r.instanceIds(running)).startingInstances().get(0);
        assertThat(start.previousState().code()).isEqualTo(16);
        assertThat(start.currentState().code()).isEqualTo(16);
        String stopped = ids(filter("instance-state-name", "stopped")).get(0);
        InstanceStateChange stop = ec2.stopInstances(r -> r.instanceIds(stopped)).stoppingInstances().get(0);
        assertThat(stop.previousState().code()).isEqualTo(80);
        assertThat(stop.currentState().code()).isEqualTo(80);
        assertThat(ec2.stopInstances(r -> r.instanceIds(stopped).force(true)).stoppingInstances().get(0)
                .currentState().name()).isEqualTo(InstanceStateName.STOPPED);
    }

    @Test
    void rebootKeepsARunningInstanceRunning() {
        String id = unprotectedRunning().get(0);
        ec2.rebootInstances(r -> r.instanceIds(id));
        assertThat(state(id)).isEqualTo(InstanceStateName.RUNNING);
        String stopped = ids(filter("instance-state-name", "stopped")).get(0);
        assertError(() -> ec2.rebootInstances(r -> r.instanceIds(stopped)), 400, "IncorrectInstanceState",
                "The instance '" + stopped + "' is not in a state from which it can be rebooted.");
    }

    @Test
    void terminatedInstancesStayVisibleForAnHourThenDisappear() {
        String id = unprotectedRunning().get(0);
        InstanceStateChange change = ec2.terminateInstances(r -> r.instanceIds(id)).terminatingInstances().get(0);
        assertThat(change.previousState().code()).isEqualTo(16);
        assertThat(change.currentState().code()).isEqualTo(32);
        assertThat(change.currentState().name()).isEqualTo(InstanceStateName.SHUTTING_DOWN);
        harness.clock.advance(DELAY);
        assertThat(describe(id).state().code()).isEqualTo(48);
        InstanceStateChange again = ec2.terminateInstances(r -> r.instanceIds(id)).terminatingInstances().get(0);
        assertThat(again.previousState().code()).isEqualTo(48);
        assertThat(again.currentState().code()).isEqualTo(48);
        assertError(() -> ec2.startInstances(r -> r.instanceIds(id)), 400, "IncorrectInstanceState",
                "The instance '" + id + "' is not in a state from which it can be started.");
        assertError(() -> ec2.stopInstances(r -> r.instanceIds(id)), 400, "IncorrectInstanceState",
                "This instance '" + id + "' is not in a state from which it can be stopped.");
        harness.clock.advance(Duration.ofMinutes(59));
        assertThat(describe(id).state().name()).isEqualTo(InstanceStateName.TERMINATED);
        harness.clock.advance(Duration.ofMinutes(1));
        assertThat(ids(filter("instance-id", id))).isEmpty();
        assertError(() -> ec2.describeInstances(r -> r.instanceIds(id)), 400, "InvalidInstanceID.NotFound",
                "The instance ID '" + id + "' does not exist");
    }

    @Test
    void startingAStoppingInstanceIsRefused() {
        String id = unprotectedRunning().get(0);
        ec2.stopInstances(r -> r.instanceIds(id));
        assertError(() -> ec2.startInstances(r -> r.instanceIds(id)), 400, "IncorrectInstanceState",
                "The instance '" + id + "' is not in a state from which it can be started.");
    }

    @Test
    void protectionsRefuseWithOperationNotPermitted() {
        String terminationProtected = ids(filter("tag:Name", "prod-payments-api-01")).get(0);
        assertError(() -> ec2.terminateInstances(r -> r.instanceIds(terminationProtected)), 400, "OperationNotPermitted",
                "The instance '" + terminationProtected + "' may not be terminated. "
                        + "Modify its 'disableApiTermination' instance attribute and try again.");
        String stopProtected = ids(filter("tag:Name", "prod-data-db-01")).get(0);
        assertError(() -> ec2.stopInstances(r -> r.instanceIds(stopProtected).force(true)), 400, "OperationNotPermitted",
                "The instance '" + stopProtected + "' may not be stopped. "
                        + "Modify its 'disableApiStop' instance attribute and try again.");
        assertThat(state(terminationProtected)).isEqualTo(InstanceStateName.RUNNING);
        assertThat(state(stopProtected)).isEqualTo(InstanceStateName.RUNNING);
    }

    @Test
    void aBatchIsRefusedWholeWhenOneInstanceCannotBeActedOn() {
        List<String> running = unprotectedRunning();
        String protectedId = ids(filter("tag:Name", "prod-payments-api-01")).get(0);
        assertError(() -> ec2.terminateInstances(r -> r.instanceIds(running.get(0), protectedId, running.get(1))),
                400, "OperationNotPermitted", null);
        assertThat(state(running.get(0))).isEqualTo(InstanceStateName.RUNNING);
        assertThat(state(running.get(1))).isEqualTo(InstanceStateName.RUNNING);
        assertError(() -> ec2.stopInstances(r -> r.instanceIds(running.get(0), "i-0000000000000dead", "i-00000000000000bad")),
                400, "InvalidInstanceID.NotFound",
                "The instance IDs 'i-0000000000000dead, i-00000000000000bad' do not exist");
        assertThat(state(running.get(0))).isEqualTo(InstanceStateName.RUNNING);
        List<InstanceStateChange> stopped = ec2.stopInstances(r -> r.instanceIds(running.get(0), running.get(1)))
                .stoppingInstances();
        assertThat(stopped).extracting(InstanceStateChange::instanceId).containsExactly(running.get(0), running.get(1));
        assertThat(stopped).allSatisfy(c -> assertThat(c.currentState().code()).isEqualTo(64));
    }

    @Test
    void aHibernatingStopOfAnInstanceNotConfiguredForHibernationIsRefusedWholeAndAConfiguredOneHibernates() {
        List<String> configured = ids(filter("hibernation-options.configured", "true"), filter("instance-state-name", "running"));
        List<String> notConfigured = ids(filter("hibernation-options.configured", "false"),
                filter("instance-state-name", "running"));
        String hibernating = configured.stream().filter(unprotectedRunning()::contains).findFirst().orElseThrow();
        String plain = notConfigured.stream().filter(unprotectedRunning()::contains).findFirst().orElseThrow();
        assertThat(describe(hibernating).hibernationOptions().configured()).isTrue();
        assertThat(describe(plain).hibernationOptions().configured()).isFalse();

        assertError(() -> ec2.stopInstances(r -> r.instanceIds(hibernating, plain).hibernate(true)), 400,
                "UnsupportedHibernationConfiguration",
                "The instance can't be hibernated because it was not configured at launch for hibernation: " + plain);
        assertThat(state(hibernating)).as("the request is refused whole").isEqualTo(InstanceStateName.RUNNING);
        assertThat(state(plain)).isEqualTo(InstanceStateName.RUNNING);

        InstanceStateChange change = ec2.stopInstances(r -> r.instanceIds(hibernating).hibernate(true))
                .stoppingInstances().get(0);
        assertThat(change.currentState().name()).isEqualTo(InstanceStateName.STOPPING);
        harness.clock.advance(DELAY);
        Instance hibernated = describe(hibernating);
        assertThat(hibernated.state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(hibernated.stateReason().code()).isEqualTo("Client.UserInitiatedHibernate");
        // without Hibernate the same instance stops as any other
        assertThat(ec2.stopInstances(r -> r.instanceIds(plain)).stoppingInstances().get(0).currentState().name())
                .isEqualTo(InstanceStateName.STOPPING);
    }

    @Test
    void anInstanceInAnotherRegionIsNotFound() {
        String id = unprotectedRunning().get(0);
        assertError(() -> harness.client("eu-west-1").stopInstances(r -> r.instanceIds(id)), 400,
                "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
    }

    @Test
    void dryRunSaysTheRequestWouldSucceedAndChangesNothing() {
        String id = unprotectedRunning().get(0);
        assertError(() -> ec2.stopInstances(r -> r.instanceIds(id).dryRun(true)), 412, "DryRunOperation",
                "Request would have succeeded, but DryRun flag is set.");
        assertError(() -> ec2.describeInstances(r -> r.dryRun(true)), 412, "DryRunOperation", null);
        assertThat(state(id)).isEqualTo(InstanceStateName.RUNNING);
    }

    @Test
    void tagsAreCreatedReplacedAndDeleted() {
        String id = unprotectedRunning().get(0);
        ec2.createTags(r -> r.resources(id).tags(Tag.builder().key("CostCenter").value("cc-42 <&>").build(),
                Tag.builder().key("Name").value("renamed").build()));
        Instance tagged = describe(id);
        assertThat(tag(tagged, "CostCenter")).isEqualTo("cc-42 <&>");
        assertThat(tag(tagged, "Name")).isEqualTo("renamed");
        assertThat(ids(filter("tag:CostCenter", "cc-42*"))).containsExactly(id);
        ec2.deleteTags(r -> r.resources(id).tags(Tag.builder().key("CostCenter").value("other").build()));
        assertThat(tag(describe(id), "CostCenter")).isEqualTo("cc-42 <&>");
        ec2.deleteTags(r -> r.resources(id).tags(Tag.builder().key("CostCenter").build()));
        assertThat(tag(describe(id), "CostCenter")).isEmpty();
        assertError(() -> ec2.createTags(r -> r.resources(id).tags(Tag.builder().key("aws:thing").value("x").build())),
                400, "InvalidParameterValue", null);
        assertError(() -> ec2.createTags(r -> r.resources("i-0000000000000dead").tags(Tag.builder().key("a").value("b").build())),
                400, "InvalidInstanceID.NotFound", null);
        assertError(() -> ec2.createTags(r -> r.resources("vpc-0abc").tags(Tag.builder().key("a").value("b").build())),
                400, "InvalidID", "The ID 'vpc-0abc' is not valid");
    }

    private List<String> unprotectedRunning() {
        return harness.emulator.instances("us-east-1").stream()
                .filter(i -> i.state() == InstanceState.RUNNING && !i.disableApiStop() && !i.disableApiTermination())
                .map(InstanceSnapshot::instanceId).toList();
    }

    private List<String> ids(software.amazon.awssdk.services.ec2.model.Filter... filters) {
        return instances(ec2.describeInstances(r -> r.filters(filters))).stream().map(Instance::instanceId).toList();
    }

    private Instance describe(String id) {
        return instances(ec2.describeInstances(r -> r.instanceIds(id))).get(0);
    }

    private InstanceStateName state(String id) {
        return describe(id).state().name();
    }

    static void assertError(Runnable call, int status, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            if (message != null) {
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            }
            assertThat(e.requestId()).isNotBlank();
        });
    }
}
