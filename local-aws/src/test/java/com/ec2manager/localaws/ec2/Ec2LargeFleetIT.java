package com.ec2manager.localaws.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * The emulator with 10,000 instances: pages of 1,000 hold what they say and the SDK's paginator
 * sees every instance exactly once. How fast it is, is not a test's business (bench/ measures).
 */
class Ec2LargeFleetIT {

    @Test
    void tenThousandInstancesArePagedByAThousandAndTheSdkSeesEachExactlyOnce() throws Exception {
        FleetSpec oneBigRegion = new FleetSpec(List.of("us-east-1"), 10_000, FleetSpec.DEFAULT_SEED);
        try (EmulatorHarness harness = new EmulatorHarness(
                Ec2EmulatorSettings.forTests(null).withFleet(oneBigRegion))) {
            String auth = EmulatorHarness.authorization("us-east-1");
            HttpResponse<String> page = harness.post("Action=DescribeInstances&Version=2016-11-15&MaxResults=1000"
                    + "&Filter.1.Name=instance-state-name&Filter.1.Value.1=*", auth);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body().split("<instanceId>", -1)).hasSize(1000 + 1);
            assertThat(page.body()).contains("<nextToken>");

            List<Instance> all = EmulatorHarness.allInstances(harness.client("us-east-1"));
            Set<String> ids = new HashSet<>();
            all.forEach(i -> assertThat(ids.add(i.instanceId())).as("seen twice: " + i.instanceId()).isTrue());
            assertThat(ids).hasSize(10_000);
        }
    }

    @Test
    void theBenchmarkFleetSpreadsTenThousandInstancesOverSixteenRegions() {
        try (EmulatorHarness harness = new EmulatorHarness(Ec2EmulatorSettings.largeFleet("127.0.0.1", 0, null))) {
            Ec2Client ec2 = harness.client("eu-central-1");
            assertThat(ec2.describeRegions().regions()).hasSize(16);
            int total = 0;
            for (String region : RegionCatalog.SIXTEEN) {
                total += harness.emulator.instances(region).size();
            }
            assertThat(total).isEqualTo(10_000);
            assertThat(EmulatorHarness.allInstances(ec2)).hasSize(625);
        }
    }
}
