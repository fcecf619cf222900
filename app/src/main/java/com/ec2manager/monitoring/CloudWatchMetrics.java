package com.ec2manager.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.ec2manager.accounts.AccountSessions;
import com.ec2manager.accounts.AwsAccount;
import com.ec2manager.aws.AwsEndpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * The application's only door to CloudWatch: GetMetricData for an instance's AWS/EC2 metrics, in
 * the instance's account (the application's own session there) and region. One client per region,
 * as for EC2; SDK types stay in this class.
 */
class CloudWatchMetrics implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CloudWatchMetrics.class);
    private static final String NAMESPACE = "AWS/EC2";

    private final AwsEndpoints endpoints;
    private final AccountSessions sessions;
    private final SdkHttpClient http;
    private final ClientOverrideConfiguration timeouts;
    private final Map<String, CloudWatchClient> clients = new ConcurrentHashMap<>();

    CloudWatchMetrics(AwsEndpoints endpoints, AccountSessions sessions, SdkHttpClient http,
                             ClientOverrideConfiguration timeouts) {
        this.endpoints = endpoints;
        this.sessions = sessions;
        this.http = http;
        this.timeouts = timeouts;
    }

    /**
     * CPU utilisation (average), network in and out (sums) of an instance from {@code start} to
     * {@code end} in periods of {@code period}, oldest first.
     */
    InstanceMetrics read(AwsAccount account, String region, String instanceId, Instant start, Instant end,
                                Duration period) {
        int seconds = Math.toIntExact(period.toSeconds());
        GetMetricDataResponse response = call(region, () -> client(region).getMetricData(r -> r
                .overrideConfiguration(c -> c.credentialsProvider(sessions.service(account)))
                .startTime(start).endTime(end).scanBy(ScanBy.TIMESTAMP_ASCENDING)
                .metricDataQueries(query("cpu", "CPUUtilization", "Average", instanceId, seconds),
                        query("netin", "NetworkIn", "Sum", instanceId, seconds),
                        query("netout", "NetworkOut", "Sum", instanceId, seconds))));
        return new InstanceMetrics(start, end, period, series(response, "cpu"), series(response, "netin"),
                series(response, "netout"));
    }

    /** GetMetricData takes at most 500 queries per call. */
    static final int QUERIES_PER_CALL = 500;

    /**
     * The average CPU utilisation of each instance over the whole window from {@code start} to
     * {@code end} (one period), 500 instances per GetMetricData call; an instance without
     * datapoints (stopped all along) is absent from the answer.
     */
    Map<String, Double> averageCpu(AwsAccount account, String region, List<String> instanceIds, Instant start,
                                          Instant end) {
        int seconds = Math.toIntExact(Duration.between(start, end).toSeconds());
        Map<String, Double> averages = new java.util.HashMap<>();
        for (int from = 0; from < instanceIds.size(); from += QUERIES_PER_CALL) {
            List<String> chunk = instanceIds.subList(from, Math.min(instanceIds.size(), from + QUERIES_PER_CALL));
            List<MetricDataQuery> queries = new ArrayList<>(chunk.size());
            for (int q = 0; q < chunk.size(); q++) {
                queries.add(query("i" + q, "CPUUtilization", "Average", chunk.get(q), seconds));
            }
            GetMetricDataResponse response = call(region, () -> client(region).getMetricData(r -> r
                    .overrideConfiguration(c -> c.credentialsProvider(sessions.service(account)))
                    .startTime(start).endTime(end).metricDataQueries(queries)));
            for (MetricDataResult result : response.metricDataResults()) {
                if (!result.values().isEmpty()) {
                    int q = Integer.parseInt(result.id().substring(1));
                    averages.put(chunk.get(q), result.values().stream().mapToDouble(Double::doubleValue).average()
                            .orElseThrow());
                }
            }
        }
        return averages;
    }

    private static <T> T call(String region, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (CloudWatchException e) {
            String code = e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                    ? e.awsErrorDetails().errorCode() : "CloudWatchError";
            throw new MetricsUnavailableException(code, "CloudWatch in " + region + " refused: "
                    + (e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage()), e);
        } catch (SdkException e) {
            throw new MetricsUnavailableException("CloudWatchUnreachable", "CloudWatch in " + region
                    + " did not answer: " + e.getMessage(), e);
        }
    }

    private static MetricDataQuery query(String id, String metric, String statistic, String instanceId, int period) {
        return MetricDataQuery.builder().id(id).returnData(true)
                .metricStat(stat -> stat.stat(statistic).period(period)
                        .metric(m -> m.namespace(NAMESPACE).metricName(metric)
                                .dimensions(d -> d.name("InstanceId").value(instanceId))))
                .build();
    }

    private static InstanceMetrics.Series series(GetMetricDataResponse response, String id) {
        List<InstanceMetrics.Point> points = new ArrayList<>();
        for (MetricDataResult result : response.metricDataResults()) {
            if (!id.equals(result.id())) {
                continue;
            }
            for (int i = 0; i < result.timestamps().size() && i < result.values().size(); i++) {
                points.add(new InstanceMetrics.Point(result.timestamps().get(i), result.values().get(i)));
            }
        }
        points.sort(java.util.Comparator.comparing(InstanceMetrics.Point::time));
        return new InstanceMetrics.Series(points);
    }

    private CloudWatchClient client(String region) {
        return clients.computeIfAbsent(region, this::newClient);
    }

    private CloudWatchClient newClient(String region) {
        var builder = CloudWatchClient.builder()
                .region(Region.of(region))
                .credentialsProvider(AnonymousCredentialsProvider.create()) // every request brings its account's
                .httpClient(http)
                .overrideConfiguration(timeouts);
        if (endpoints.cloudwatch() != null) {
            // local mode: one stand-in for every region; it reads the region from the signature
            builder.endpointOverride(endpoints.cloudwatch());
        }
        log.debug("CloudWatch client for {}", region);
        return builder.build();
    }

    @Override
    public void close() {
        clients.values().forEach(CloudWatchClient::close);
        clients.clear();
    }
}
