package com.ec2manager.localaws.ec2;

import static com.ec2manager.localaws.ec2.Ec2ActionsIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The hooks application tests use: calls observed, a listener before the work, faults per region. */
class Ec2FaultsIT {

    @TempDir
    Path dataDir;
    EmulatorHarness harness;

    @BeforeEach
    void start() {
        harness = EmulatorHarness.standard(dataDir);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aFailedRegionAnswersUnavailableWhileTheOthersWork() {
        harness.emulator.failRegion("eu-west-1", Ec2Fault.unavailable());
        assertError(() -> harness.client("eu-west-1").describeInstances(), 503, "Unavailable",
                "The service is unavailable. Please try again shortly.");
        assertThat(harness.client("us-east-1").describeInstances().reservations()).isNotEmpty();
        harness.emulator.failRegion("eu-west-1", Ec2Fault.throttled());
        assertError(() -> harness.client("eu-west-1").describeInstances(), 503, "RequestLimitExceeded", null);
        harness.emulator.healRegion("eu-west-1");
        assertThat(harness.client("eu-west-1").describeInstances().reservations()).isNotEmpty();
    }

    @Test
    void withRequestLimitsAnEmptiedBucketAnswersRequestLimitExceededForThatAccountRegionOnly() {
        // a bucket that does not refill within the test: three describe calls, then throttled
        RequestLimits limits = harness.emulator.limitRequests(new RequestLimits(new RequestLimits.Bucket(3, 0.001),
                new RequestLimits.Bucket(1, 0.001)));
        Ec2Client east = harness.client("us-east-1");
        for (int i = 0; i < 3; i++) {
            east.describeInstances(r -> r.maxResults(5));
        }
        assertError(() -> east.describeInstances(r -> r.maxResults(5)), 503, "RequestLimitExceeded", "Request limit exceeded.");
        assertThat(limits.throttled()).singleElement().satisfies(call -> {
            assertThat(call.operation()).isEqualTo("DescribeInstances");
            assertThat(call.region()).isEqualTo("us-east-1");
        });
        // mutating calls and other regions have buckets of their own
        String id = harness.emulator.instances("us-east-1").get(0).instanceId();
        east.rebootInstances(r -> r.instanceIds(id));
        assertThat(harness.client("eu-west-1").describeInstances(r -> r.maxResults(5)).reservations()).isNotEmpty();

        harness.emulator.clearFaults();
        assertThat(east.describeInstances(r -> r.maxResults(5)).reservations()).as("limits lifted").isNotEmpty();
    }

    @Test
    void aSlowRegionAnswersLate() {
        harness.emulator.failRegion("ap-southeast-2", Ec2Fault.slow(Duration.ofMillis(300)));
        long start = System.nanoTime();
        harness.client("ap-southeast-2").describeRegions();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void callsAreRecordedWithOperationRegionIdsAndUserAgent() {
        String id = harness.emulator.instances("us-east-1").get(0).instanceId();
        Ec2Client client = Ec2Client.builder()
                .endpointOverride(harness.emulator.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b"))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX,
                        "ec2-manager/user:ops@example.com"))
                .build();
        try (client) {
            harness.emulator.clearCalls();
            client.rebootInstances(r -> r.instanceIds(id));
        }
        List<Ec2Call> calls = harness.emulator.calls();
        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.operation()).isEqualTo("RebootInstances");
            assertThat(call.region()).isEqualTo("us-east-1");
            assertThat(call.instanceIds()).containsExactly(id);
            assertThat(call.userAgent()).contains("ec2-manager/user:ops@example.com");
            assertThat(call.mutating()).isTrue();
            assertThat(call.receivedAt()).isEqualTo(harness.clock.instant());
            assertThat(call.requestId()).isNotBlank();
        });
    }

    @Test
    void theListenerRunsBeforeTheCallIsActedOn() {
        String id = harness.emulator.instances("us-east-1").stream()
                .filter(i -> i.state() == InstanceState.RUNNING && !i.disableApiStop())
                .findFirst().orElseThrow().instanceId();
        List<InstanceState> seenByListener = new CopyOnWriteArrayList<>();
        Consumer<Ec2Call> listener = call -> {
            if (call.operation().equals("StopInstances")) {
                seenByListener.add(harness.emulator.instances("us-east-1").stream()
                        .filter(i -> i.instanceId().equals(id)).findFirst().orElseThrow().state());
            }
        };
        harness.emulator.addCallListener(listener);
        harness.client("us-east-1").stopInstances(r -> r.instanceIds(id));
        assertThat(seenByListener).containsExactly(InstanceState.RUNNING);
        harness.emulator.removeCallListener(listener);
    }

    @Test
    void aFailedRegionStillRecordsTheCallButChangesNothing() {
        String id = harness.emulator.instances("us-east-1").stream()
                .filter(i -> i.state() == InstanceState.RUNNING && !i.disableApiStop())
                .findFirst().orElseThrow().instanceId();
        harness.emulator.failRegion("us-east-1", Ec2Fault.internalError());
        assertError(() -> harness.client("us-east-1").stopInstances(r -> r.instanceIds(id)), 500, "InternalError", null);
        harness.emulator.clearFaults();
        assertThat(harness.emulator.calls()).filteredOn(Ec2Call::mutating).singleElement()
                .extracting(Ec2Call::instanceIds).isEqualTo(List.of(id));
        assertThat(harness.emulator.instances("us-east-1")).filteredOn(i -> i.instanceId().equals(id))
                .singleElement().extracting(InstanceSnapshot::state).isEqualTo(InstanceState.RUNNING);
    }
}
