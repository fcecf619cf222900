package com.ec2manager.localaws.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/** The stand-in through the real AWS SDK client, over HTTP (Smithy RPC v2 CBOR). */
class CloudWatchGetMetricDataIT {

    private static final Instant END = Instant.parse("2025-01-13T12:00:00Z");
    private static final Instant START = END.minus(Duration.ofHours(24));
    private static final Map<String, Workload> FLEET = Map.of(
            "i-0busy00000000001", new Workload(Workload.Kind.BUSY, true),
            "i-0idle00000000001", new Workload(Workload.Kind.IDLE, true),
            "i-0stopped00000001", new Workload(Workload.Kind.BUSY, false));

    private static CloudWatchEmulator emulator;
    private static CloudWatchClient cloudWatch;

    @BeforeAll
    static void start() {
        emulator = CloudWatchEmulator.start(CloudWatchEmulatorSettings.forTests(),
                (region, id) -> region.equals("eu-west-1") ? Optional.ofNullable(FLEET.get(id)) : Optional.empty());
        cloudWatch = CloudWatchClient.builder().endpointOverride(emulator.endpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        cloudWatch.close();
        emulator.close();
    }

    private static MetricDataQuery query(String id, String metric, String instanceId, String stat, int period) {
        return MetricDataQuery.builder().id(id).metricStat(s -> s.period(period).stat(stat)
                .metric(m -> m.namespace("AWS/EC2").metricName(metric)
                        .dimensions(Dimension.builder().name("InstanceId").value(instanceId).build()))).build();
    }

    private static GetMetricDataResponse get(MetricDataQuery... queries) {
        return cloudWatch.getMetricData(r -> r.startTime(START).endTime(END).metricDataQueries(queries));
    }

    @Test
    void aBusyProductionServerWorksHardAndAnIdleDevelopmentBoxHardlyAtAll() {
        GetMetricDataResponse response = get(query("busy", "CPUUtilization", "i-0busy00000000001", "Average", 3600),
                query("idle", "CPUUtilization", "i-0idle00000000001", "Average", 3600));

        MetricDataResult busy = response.metricDataResults().get(0);
        MetricDataResult idle = response.metricDataResults().get(1);
        assertThat(busy.id()).isEqualTo("busy");
        assertThat(busy.label()).isEqualTo("CPUUtilization");
        assertThat(busy.statusCode()).isEqualTo(StatusCode.COMPLETE);
        assertThat(busy.values()).hasSize(24).allSatisfy(v -> assertThat(v).isBetween(20.0, 99.5));
        assertThat(idle.values()).hasSize(24).allSatisfy(v -> assertThat(v).isBetween(0.1, 5.0));
        // newest first, one per hour, aligned to the hour
        assertThat(busy.timestamps().get(0)).isEqualTo(END.minus(Duration.ofHours(1)));
        assertThat(busy.timestamps().get(23)).isEqualTo(START);
    }

    @Test
    void theSameQueryGivesTheSameSeriesAndAscendingOrderIsHonoured() {
        MetricDataQuery network = query("net", "NetworkIn", "i-0busy00000000001", "Sum", 300);
        List<Double> first = get(network).metricDataResults().get(0).values();
        List<Double> again = get(network).metricDataResults().get(0).values();
        MetricDataResult ascending = cloudWatch.getMetricData(r -> r.startTime(START).endTime(END)
                .scanBy(ScanBy.TIMESTAMP_ASCENDING).metricDataQueries(network)).metricDataResults().get(0);

        assertThat(first).hasSize(288).isEqualTo(again);
        assertThat(first).allSatisfy(bytes -> assertThat(bytes).isGreaterThan(1_000_000.0));
        assertThat(ascending.timestamps().get(0)).isEqualTo(START);
        assertThat(ascending.values().get(0)).isEqualTo(first.get(first.size() - 1));
    }

    @Test
    void stoppedUnknownAndOtherRegionsInstancesHaveNoDatapoints() {
        GetMetricDataResponse response = get(query("stopped", "CPUUtilization", "i-0stopped00000001", "Average", 300),
                query("unknown", "NetworkOut", "i-0000000000000dead", "Average", 300));
        assertThat(response.metricDataResults()).allSatisfy(result -> {
            assertThat(result.values()).isEmpty();
            assertThat(result.statusCode()).isEqualTo(StatusCode.COMPLETE);
        });

        try (CloudWatchClient virginia = CloudWatchClient.builder().endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDLOCAL", "secret"))).httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThat(virginia.getMetricData(r -> r.startTime(START).endTime(END).metricDataQueries(
                    query("busy", "CPUUtilization", "i-0busy00000000001", "Average", 300))).metricDataResults().get(0).values())
                    .isEmpty();
        }
    }

    @Test
    void badQueriesAreRefusedWithCloudWatchsErrors() {
        assertThatThrownBy(() -> cloudWatch.getMetricData(r -> r.startTime(END).endTime(START)
                .metricDataQueries(query("a", "CPUUtilization", "i-0busy00000000001", "Average", 300))))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("StartTime");
        assertThatThrownBy(() -> get(query("Bad-Id", "CPUUtilization", "i-0busy00000000001", "Average", 300)))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("Bad-Id");
        assertThatThrownBy(() -> get(query("a", "CPUUtilization", "i-0busy00000000001", "Average", 45)))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("Period");
        assertThatThrownBy(() -> get(MetricDataQuery.builder().id("m").expression("AVG(METRICS())").build()))
                .isInstanceOf(CloudWatchException.class).hasMessageContaining("not supported");
    }
}
