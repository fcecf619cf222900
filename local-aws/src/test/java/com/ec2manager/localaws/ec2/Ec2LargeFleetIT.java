package com.ec2manager.localaws.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

/** The emulator stays fast with 10,000 instances: a page of 1,000 costs milliseconds, not seconds. */
class Ec2LargeFleetIT {

    @Test
    void aPageOfAThousandFromTenThousandInstancesIsServedInMilliseconds() throws Exception {
        FleetSpec oneBigRegion = new FleetSpec(List.of("us-east-1"), 10_000, FleetSpec.DEFAULT_SEED);
        try (EmulatorHarness harness = new EmulatorHarness(
                Ec2EmulatorSettings.forTests(null).withFleet(oneBigRegion))) {
            String auth = EmulatorHarness.authorization("us-east-1");
            String form = "Action=DescribeInstances&Version=2016-11-15&MaxResults=1000";
            for (int i = 0; i < 5; i++) {
                harness.post(form, auth);
            }
            long[] millis = new long[15];
            int bytes = 0;
            for (int i = 0; i < millis.length; i++) {
                long start = System.nanoTime();
                HttpResponse<String> page = harness.post(form + "&Filter.1.Name=instance-state-name&Filter.1.Value.1=*", auth);
                millis[i] = Duration.ofNanos(System.nanoTime() - start).toMillis();
                assertThat(page.statusCode()).isEqualTo(200);
                bytes = page.body().length();
            }
            Arrays.sort(millis);
            System.out.printf("EC2 emulator: a page of 1,000 of 10,000 instances (%d kB) in %d ms (median), %d ms (best)%n",
                    bytes / 1024, millis[millis.length / 2], millis[0]);
            // timings are reported, not asserted: speed is measured in bench/, not by tests

            Ec2Client ec2 = harness.client("us-east-1");
            ec2.describeInstances(r -> r.maxResults(1000));
            long pageStart = System.nanoTime();
            ec2.describeInstances(r -> r.maxResults(1000));
            System.out.printf("EC2 emulator: the same page through the SDK (sending, parsing) in %d ms%n",
                    Duration.ofNanos(System.nanoTime() - pageStart).toMillis());
            long start = System.nanoTime();
            List<Instance> all = EmulatorHarness.allInstances(ec2);
            long sdkMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            System.out.printf("EC2 emulator: 10,000 instances through the SDK paginator in %d ms%n", sdkMillis);
            Set<String> ids = new HashSet<>();
            all.forEach(i -> assertThat(ids.add(i.instanceId())).isTrue());
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
