package com.ec2manager.localaws.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ArchitectureValues;
import software.amazon.awssdk.services.ec2.model.AttachmentStatus;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.CapacityReservationPreference;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DeviceType;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.HostnameType;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.HypervisorType;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceAutoRecoveryState;
import software.amazon.awssdk.services.ec2.model.InstanceBootModeValues;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataEndpointState;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsState;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.MonitoringState;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Region;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.SummaryStatus;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Tenancy;
import software.amazon.awssdk.services.ec2.model.VirtualizationType;

/** The read operations through the real SDK: every field parsed, every filter, paging. */
class Ec2DescribeIT {

    @TempDir
    static Path dataDir;
    static EmulatorHarness harness;
    static Ec2Client ec2;
    static List<Instance> all;

    @BeforeAll
    static void start() {
        harness = EmulatorHarness.standard(dataDir);
        ec2 = harness.client("us-east-1");
        all = EmulatorHarness.allInstances(ec2);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void describeRegionsListsTheConfiguredRegionsAndAllRegionsAddsTheOthers() {
        assertThat(ec2.describeRegions().regions()).extracting(Region::regionName)
                .containsExactly("us-east-1", "eu-west-1", "ap-southeast-2");
        assertThat(ec2.describeRegions().regions()).allSatisfy(r -> {
            assertThat(r.endpoint()).isEqualTo("ec2." + r.regionName() + ".amazonaws.com");
            assertThat(r.optInStatus()).isEqualTo("opt-in-not-required");
        });
        List<Region> everything = ec2.describeRegions(r -> r.allRegions(true)).regions();
        assertThat(everything).hasSizeGreaterThan(20);
        assertThat(everything).filteredOn(r -> r.regionName().equals("af-south-1"))
                .singleElement().extracting(Region::optInStatus).isEqualTo("not-opted-in");
        assertThat(ec2.describeRegions(r -> r.filters(filter("region-name", "eu-*"))).regions())
                .extracting(Region::regionName).containsExactly("eu-west-1");
    }

    @Test
    void everyRegionListedAsEnabledAnswersAndNoOtherDoes() {
        List<Region> everything = ec2.describeRegions(r -> r.allRegions(true)).regions();
        for (Region region : everything) {
            boolean enabled = !region.optInStatus().equals("not-opted-in");
            var call = org.assertj.core.api.Assertions.catchThrowableOfType(Ec2Exception.class,
                    () -> harness.client(region.regionName()).describeAvailabilityZones());
            if (enabled) {
                assertThat(call).as(region.regionName() + " is listed as enabled, so it answers").isNull();
            } else {
                assertThat(call).as(region.regionName() + " is listed as not opted in, so it refuses").isNotNull();
                // AuthFailure; the url-connection client cannot read a 401's body, so the status says it
                assertThat(call.statusCode()).isEqualTo(401);
            }
        }
        assertThat(everything).filteredOn(r -> !r.optInStatus().equals("not-opted-in")).extracting(Region::regionName)
                .containsExactlyInAnyOrder("us-east-1", "eu-west-1", "ap-southeast-2");
    }

    @Test
    void describeAvailabilityZonesListsTheZonesOfTheRequestRegion() {
        List<AvailabilityZone> zones = ec2.describeAvailabilityZones().availabilityZones();
        assertThat(zones).extracting(AvailabilityZone::zoneName)
                .containsExactly("us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f");
        assertThat(zones.get(0).zoneId()).isEqualTo("use1-az1");
        assertThat(zones.get(0).stateAsString()).isEqualTo("available");
        assertThat(zones.get(0).regionName()).isEqualTo("us-east-1");
        assertThat(harness.client("ap-southeast-2").describeAvailabilityZones(r -> r.filters(filter("zone-name", "*b")))
                .availabilityZones()).extracting(AvailabilityZone::zoneName).containsExactly("ap-southeast-2b");
    }

    @Test
    void theSdkParsesEveryFieldOfARunningInstance() {
        Instance i = instanceWithName(all, "prod-payments-api-01");
        assertThat(i.instanceId()).matches("i-0[0-9a-f]{16}");
        assertThat(i.imageId()).startsWith("ami-0");
        assertThat(i.state().code()).isEqualTo(16);
        assertThat(i.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(i.privateDnsName()).isEqualTo("ip-" + i.privateIpAddress().replace('.', '-') + ".ec2.internal");
        assertThat(i.publicDnsName()).isEqualTo("ec2-" + i.publicIpAddress().replace('.', '-') + ".compute-1.amazonaws.com");
        assertThat(i.stateTransitionReason()).isEmpty();
        assertThat(i.keyName()).isEqualTo("ops-prod");
        assertThat(i.amiLaunchIndex()).isZero();
        assertThat(i.productCodes()).isEmpty();
        assertThat(i.instanceTypeAsString()).isEqualTo("m5.large");
        assertThat(i.launchTime()).isBefore(Instant.parse(EmulatorHarness.START));
        assertThat(i.placement().availabilityZone()).startsWith("us-east-1");
        assertThat(i.placement().tenancy()).isEqualTo(Tenancy.DEFAULT);
        assertThat(i.platformAsString()).isNull();
        assertThat(i.platformDetails()).isEqualTo("Linux/UNIX");
        assertThat(i.usageOperation()).isEqualTo("RunInstances");
        assertThat(i.usageOperationUpdateTime()).isEqualTo(i.launchTime());
        assertThat(i.monitoring().state()).isEqualTo(MonitoringState.DISABLED);
        assertThat(i.subnetId()).startsWith("subnet-");
        assertThat(i.vpcId()).startsWith("vpc-");
        assertThat(i.privateIpAddress()).startsWith("10.");
        assertThat(i.publicIpAddress()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(i.sourceDestCheck()).isTrue();
        assertThat(i.securityGroups()).singleElement().satisfies(g -> {
            assertThat(g.groupId()).startsWith("sg-");
            assertThat(g.groupName()).isEqualTo("web-tier");
        });
        assertThat(i.stateReason()).isNull();
        assertThat(i.architecture()).isEqualTo(ArchitectureValues.X86_64);
        assertThat(i.rootDeviceType()).isEqualTo(DeviceType.EBS);
        assertThat(i.rootDeviceName()).isEqualTo("/dev/xvda");
        assertThat(i.blockDeviceMappings()).singleElement().satisfies(b -> {
            assertThat(b.deviceName()).isEqualTo("/dev/xvda");
            assertThat(b.ebs().volumeId()).startsWith("vol-");
            assertThat(b.ebs().status()).isEqualTo(AttachmentStatus.ATTACHED);
            assertThat(b.ebs().attachTime()).isNotNull();
            assertThat(b.ebs().deleteOnTermination()).isTrue();
        });
        assertThat(i.virtualizationType()).isEqualTo(VirtualizationType.HVM);
        assertThat(i.clientToken()).isEmpty();
        assertThat(i.tags()).extracting(Tag::key).containsExactly("Name", "Environment", "Team", "Owner");
        assertThat(i.hypervisor()).isEqualTo(HypervisorType.XEN);
        assertThat(i.ebsOptimized()).isTrue();
        assertThat(i.enaSupport()).isTrue();
        assertThat(i.cpuOptions().coreCount()).isEqualTo(1);
        assertThat(i.cpuOptions().threadsPerCore()).isEqualTo(2);
        assertThat(i.capacityReservationSpecification().capacityReservationPreference())
                .isEqualTo(CapacityReservationPreference.OPEN);
        assertThat(i.hibernationOptions().configured()).as("as the emulator launched it").isEqualTo(
                harness.emulator.instances("us-east-1").stream().filter(s -> s.instanceId().equals(i.instanceId()))
                        .findFirst().orElseThrow().hibernationConfigured());
        assertThat(i.metadataOptions().state()).isEqualTo(InstanceMetadataOptionsState.APPLIED);
        assertThat(i.metadataOptions().httpTokens()).isEqualTo(HttpTokensState.REQUIRED);
        assertThat(i.metadataOptions().httpEndpoint()).isEqualTo(InstanceMetadataEndpointState.ENABLED);
        assertThat(i.metadataOptions().httpPutResponseHopLimit()).isEqualTo(2);
        assertThat(i.enclaveOptions().enabled()).isFalse();
        assertThat(i.privateDnsNameOptions().hostnameType()).isEqualTo(HostnameType.IP_NAME);
        assertThat(i.maintenanceOptions().autoRecovery()).isEqualTo(InstanceAutoRecoveryState.DEFAULT);
        assertThat(i.currentInstanceBootMode()).isEqualTo(InstanceBootModeValues.LEGACY_BIOS);
    }

    @Test
    void aWindowsInstanceAndAStoppedInstanceLookAsInEc2() {
        Instance windows = instanceWithName(all, "prod-identity-ad-01");
        // EC2 writes "windows" in lower case, which the SDK's PlatformValues ("Windows") does not know
        assertThat(windows.platformAsString()).isEqualTo("windows");
        assertThat(windows.platformDetails()).isEqualTo("Windows");
        assertThat(windows.rootDeviceName()).isEqualTo("/dev/sda1");
        Instance stopped = instanceWithName(all, "dev-search-worker-01");
        assertThat(stopped.state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(stopped.state().code()).isEqualTo(80);
        assertThat(stopped.publicIpAddress()).isNull();
        assertThat(stopped.publicDnsName()).isEmpty();
        assertThat(stopped.stateTransitionReason()).matches("User initiated \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d GMT\\)");
        assertThat(stopped.stateReason().code()).isEqualTo("Client.UserInitiatedShutdown");
        assertThat(stopped.stateReason().message()).isEqualTo("Client.UserInitiatedShutdown: User initiated shutdown");
    }

    @Test
    void instancesAreGroupedInTheirReservations() {
        DescribeInstancesResponse response = ec2.describeInstances();
        for (Reservation reservation : response.reservations()) {
            assertThat(reservation.reservationId()).startsWith("r-");
            assertThat(reservation.ownerId()).isEqualTo("123456789012");
            assertThat(reservation.instances()).isNotEmpty();
            for (int index = 0; index < reservation.instances().size(); index++) {
                assertThat(reservation.instances().get(index).amiLaunchIndex()).isEqualTo(index);
            }
        }
        assertThat(response.nextToken()).isNull();
        assertThat(response.reservations().stream().mapToInt(r -> r.instances().size()).sum()).isEqualTo(all.size());
    }

    @Test
    void eachFilterSelectsWhatItNames() {
        Instance sample = instanceWithName(all, "prod-payments-api-01");
        assertFilter("instance-id", sample.instanceId(), i -> i.instanceId().equals(sample.instanceId()));
        assertFilter("instance-state-name", "stopped", i -> i.state().name() == InstanceStateName.STOPPED);
        assertFilter("instance-state-code", "16", i -> i.state().code() == 16);
        assertFilter("instance-type", "t3.*", i -> i.instanceTypeAsString().startsWith("t3."));
        assertFilter("availability-zone", "us-east-1?", i -> true);
        assertFilter("availability-zone", sample.placement().availabilityZone(),
                i -> i.placement().availabilityZone().equals(sample.placement().availabilityZone()));
        assertFilter("image-id", sample.imageId(), i -> i.imageId().equals(sample.imageId()));
        assertFilter("platform", "windows", i -> "windows".equals(i.platformAsString()));
        assertFilter("private-ip-address", sample.privateIpAddress(), i -> i.instanceId().equals(sample.instanceId()));
        assertFilter("ip-address", sample.publicIpAddress(), i -> i.instanceId().equals(sample.instanceId()));
        assertFilter("ip-address", "*", i -> i.publicIpAddress() != null);
        assertFilter("tag:Environment", "production", i -> tag(i, "Environment").equals("production"));
        assertFilter("tag:Name", "*-api-??", i -> tag(i, "Name").matches(".*-api-..$"));
        assertFilter("tag-key", "aws:autoscaling:groupName", i -> !tag(i, "aws:autoscaling:groupName").isEmpty());
        assertFilter("tag-value", "*@example.com", i -> true);
        assertFilter("tag-value", "staging", i -> tag(i, "Environment").equals("staging"));
        assertThat(ec2.describeInstances(r -> r.filters(filter("tag:Environment", "nothing-like-this")))
                .reservations()).isEmpty();
    }

    @Test
    void valuesAreOredAndFiltersAnded() {
        List<Instance> found = instances(ec2.describeInstances(r -> r.filters(
                filter("instance-state-name", "running", "stopped"),
                filter("tag:Environment", "production"))));
        assertThat(found).isNotEmpty().containsExactlyInAnyOrderElementsOf(all.stream()
                .filter(i -> tag(i, "Environment").equals("production")).toList());
    }

    @Test
    void pagingVisitsEachInstanceExactlyOnce() {
        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            DescribeInstancesResponse page = ec2.describeInstances(r -> r.maxResults(5).nextToken(next));
            for (Instance instance : instances(page)) {
                assertThat(seen.add(instance.instanceId())).as("seen once: %s", instance.instanceId()).isTrue();
            }
            assertThat(instances(page)).hasSizeLessThanOrEqualTo(5);
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(seen).hasSize(all.size());
        assertThat(pages).isEqualTo((all.size() + 4) / 5);
    }

    @Test
    void pagingWorksWithFilters() {
        List<Instance> running = all.stream().filter(i -> i.state().code() == 16).toList();
        List<Instance> paged = ec2.describeInstancesPaginator(r -> r.maxResults(5)
                .filters(filter("instance-state-name", "running"))).reservations().stream()
                .flatMap(r -> r.instances().stream()).toList();
        assertThat(paged).containsExactlyElementsOf(running);
    }

    @Test
    void instanceIdListsReturnThoseInstances() {
        List<String> ids = List.of(all.get(3).instanceId(), all.get(0).instanceId());
        assertThat(instances(ec2.describeInstances(r -> r.instanceIds(ids)))).extracting(Instance::instanceId)
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(instances(ec2.describeInstances(r -> r.instanceIds(ids).filters(filter("instance-id", ids.get(0))))))
                .extracting(Instance::instanceId).containsExactly(ids.get(0));
    }

    @Test
    void regionsAreSeparateFleets() {
        Ec2Client ireland = harness.client("eu-west-1");
        List<Instance> irish = EmulatorHarness.allInstances(ireland);
        assertThat(irish).isNotEmpty().allSatisfy(i -> {
            assertThat(i.placement().availabilityZone()).startsWith("eu-west-1");
            assertThat(i.privateDnsName()).endsWith(".eu-west-1.compute.internal");
        });
        assertThat(irish).extracting(Instance::instanceId).doesNotContainAnyElementsOf(
                all.stream().map(Instance::instanceId).toList());
    }

    @Test
    void describeInstanceStatusShowsRunningInstancesUnlessAllAreAsked() {
        List<InstanceStatus> running = ec2.describeInstanceStatus().instanceStatuses();
        assertThat(running).isNotEmpty().allSatisfy(s -> {
            assertThat(s.instanceState().name()).isEqualTo(InstanceStateName.RUNNING);
            assertThat(s.instanceStatus().status()).isEqualTo(SummaryStatus.OK);
            assertThat(s.systemStatus().status()).isEqualTo(SummaryStatus.OK);
            assertThat(s.instanceStatus().details()).singleElement()
                    .satisfies(d -> assertThat(d.statusAsString()).isEqualTo("passed"));
            assertThat(s.availabilityZone()).startsWith("us-east-1");
        });
        assertThat(running).hasSize((int) all.stream().filter(i -> i.state().code() == 16).count());
        List<InstanceStatus> everything = ec2.describeInstanceStatus(r -> r.includeAllInstances(true)).instanceStatuses();
        assertThat(everything).hasSize(all.size());
        assertThat(everything).filteredOn(s -> s.instanceState().name() == InstanceStateName.STOPPED)
                .isNotEmpty().allSatisfy(s -> assertThat(s.instanceStatus().status()).isEqualTo(SummaryStatus.NOT_APPLICABLE));
        Instance stopped = instanceWithName(all, "dev-search-worker-01");
        assertThat(ec2.describeInstanceStatus(r -> r.instanceIds(stopped.instanceId())).instanceStatuses()).isEmpty();
        assertThat(ec2.describeInstanceStatus(r -> r.instanceIds(stopped.instanceId()).includeAllInstances(true))
                .instanceStatuses()).singleElement().extracting(InstanceStatus::instanceId).isEqualTo(stopped.instanceId());
        Set<String> paged = new HashSet<>();
        ec2.describeInstanceStatusPaginator(r -> r.maxResults(5).includeAllInstances(true)).instanceStatuses()
                .forEach(s -> assertThat(paged.add(s.instanceId())).isTrue());
        assertThat(paged).hasSize(all.size());
    }

    @Test
    void describeInstanceAttributeAnswersTheProtectionsAndType() {
        Instance termination = instanceWithName(all, "prod-payments-api-01");
        Instance stop = instanceWithName(all, "prod-data-db-01");
        assertThat(ec2.describeInstanceAttribute(r -> r.instanceId(termination.instanceId())
                .attribute(InstanceAttributeName.DISABLE_API_TERMINATION)).disableApiTermination().value()).isTrue();
        assertThat(ec2.describeInstanceAttribute(r -> r.instanceId(termination.instanceId())
                .attribute(InstanceAttributeName.DISABLE_API_STOP)).disableApiStop().value()).isFalse();
        assertThat(ec2.describeInstanceAttribute(r -> r.instanceId(stop.instanceId())
                .attribute(InstanceAttributeName.DISABLE_API_STOP)).disableApiStop().value()).isTrue();
        var type = ec2.describeInstanceAttribute(r -> r.instanceId(stop.instanceId())
                .attribute(InstanceAttributeName.INSTANCE_TYPE));
        assertThat(type.instanceId()).isEqualTo(stop.instanceId());
        assertThat(type.instanceType().value()).isEqualTo("r5.large");
    }

    static Instance instanceWithName(List<Instance> instances, String name) {
        return instances.stream().filter(i -> tag(i, "Name").equals(name)).findFirst().orElseThrow();
    }

    static String tag(Instance instance, String key) {
        return instance.tags().stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst().orElse("");
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    static List<Instance> instances(DescribeInstancesResponse response) {
        return response.reservations().stream().flatMap(r -> r.instances().stream()).toList();
    }

    private static void assertFilter(String name, String value, Predicate<Instance> expected) {
        List<Instance> found = instances(ec2.describeInstances(r -> r.filters(filter(name, value))));
        assertThat(found).as("filter %s=%s", name, value).isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(all.stream().filter(expected).toList());
    }
}
