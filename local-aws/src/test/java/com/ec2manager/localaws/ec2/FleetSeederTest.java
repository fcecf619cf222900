package com.ec2manager.localaws.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FleetSeederTest {

    private static final Instant NOW = Instant.parse("2025-06-02T09:00:00Z");

    @Test
    void theSameSpecAndTimeGiveTheSameFleet() {
        assertThat(FleetSeeder.seed(FleetSpec.standard(), NOW)).isEqualTo(FleetSeeder.seed(FleetSpec.standard(), NOW));
        assertThat(FleetSeeder.seed(FleetSpec.standard().withSeed(7), NOW))
                .isNotEqualTo(FleetSeeder.seed(FleetSpec.standard(), NOW));
    }

    @Test
    void theStandardFleetIsSpreadOverItsRegionsWithTheArchetypesInEach() {
        List<Ec2Instance> fleet = FleetSeeder.seed(FleetSpec.standard(), NOW);
        assertThat(fleet).hasSize(40);
        for (String region : FleetSpec.standard().regions()) {
            List<Ec2Instance> inRegion = fleet.stream().filter(i -> i.region().equals(region)).toList();
            assertThat(inRegion).hasSizeBetween(13, 14);
            assertThat(inRegion).anyMatch(i -> i.disableApiTermination() && i.state() == InstanceState.RUNNING);
            assertThat(inRegion).anyMatch(i -> i.disableApiStop() && i.state() == InstanceState.RUNNING);
            assertThat(inRegion).anyMatch(i -> i.platform() == Platform.WINDOWS);
            assertThat(inRegion).anyMatch(i -> i.state() == InstanceState.STOPPED);
            assertThat(inRegion).anyMatch(i -> i.tags().containsKey(FleetSeeder.ASG_TAG));
            assertThat(inRegion).allSatisfy(i -> {
                assertThat(i.availabilityZone()).startsWith(region);
                assertThat(i.tags()).containsKeys("Name", "Environment", "Team", "Owner");
                assertThat(i.tags().get("Environment")).isIn("production", "staging", "development");
                assertThat(i.tags().get("Owner")).endsWith("@example.com");
                assertThat(InstanceIds.wellFormed(i.instanceId())).isTrue();
                assertThat(i.privateDnsName()).contains(i.privateIpAddress().replace('.', '-'));
            });
        }
    }

    @Test
    void theLargeFleetHasTenThousandUniqueInstancesOverSixteenRegions() {
        List<Ec2Instance> fleet = FleetSeeder.seed(FleetSpec.large(), NOW);
        assertThat(fleet).hasSize(10_000);
        assertThat(fleet.stream().map(Ec2Instance::region).distinct()).hasSize(16);
        Set<String> ids = new HashSet<>();
        fleet.forEach(i -> ids.add(i.instanceId()));
        assertThat(ids).hasSize(10_000);
        assertThat(fleet.stream().filter(i -> i.state() == InstanceState.RUNNING).count()).isGreaterThan(7_000);
    }

    @Test
    void dnsNamesFollowTheRegionsConventions() {
        RegionInfo virginia = RegionCatalog.require("us-east-1");
        RegionInfo ireland = RegionCatalog.require("eu-west-1");
        assertThat(virginia.privateDnsName("10.0.1.5")).isEqualTo("ip-10-0-1-5.ec2.internal");
        assertThat(virginia.publicDnsName("54.1.2.3")).isEqualTo("ec2-54-1-2-3.compute-1.amazonaws.com");
        assertThat(ireland.privateDnsName("10.6.1.5")).isEqualTo("ip-10-6-1-5.eu-west-1.compute.internal");
        assertThat(ireland.publicDnsName("52.1.2.3")).isEqualTo("ec2-52-1-2-3.eu-west-1.compute.amazonaws.com");
    }
}
