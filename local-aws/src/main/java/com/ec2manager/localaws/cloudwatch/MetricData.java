package com.ec2manager.localaws.cloudwatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * GetMetricData for the AWS/EC2 metrics of {@link MetricSeries}, with CloudWatch's checks:
 * 1–500 queries with unique ids of its pattern, a start before the end, periods of whole
 * minutes, the five plain statistics. Anything else that CloudWatch would answer — metric
 * math, other namespaces' metrics — is either refused as unsupported or, like CloudWatch for a
 * metric nobody publishes, answered with no datapoints.
 */
final class MetricData {

    static final int MAX_QUERIES = 500;
    static final int MAX_DATAPOINTS = 100_800;
    private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");
    private static final Set<String> STATISTICS = Set.of("Average", "Sum", "Minimum", "Maximum", "SampleCount");

    private final Workloads workloads;

    MetricData(Workloads workloads) {
        this.workloads = workloads;
    }

    /** One query's answer, timestamps and values in the order asked for. */
    record Result(String id, String label, List<Instant> timestamps, List<Double> values) {
    }

    List<Result> get(String region, JsonNode request) {
        JsonNode queries = request.path("MetricDataQueries");
        if (!queries.isArray() || queries.isEmpty()) {
            throw CloudWatchException.missingParameter("The parameter MetricDataQueries is required.");
        }
        if (queries.size() > MAX_QUERIES) {
            throw CloudWatchException.invalidParameter("The collection MetricDataQueries must not have a size greater than "
                    + MAX_QUERIES + ".");
        }
        Instant start = time(request, "StartTime");
        Instant end = time(request, "EndTime");
        if (!start.isBefore(end)) {
            throw CloudWatchException.invalidParameter("The parameter StartTime must be less than the parameter EndTime.");
        }
        boolean ascending = "TimestampAscending".equals(request.path("ScanBy").asString("TimestampDescending"));
        List<Result> results = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        long datapoints = 0;
        for (int i = 0; i < queries.size(); i++) {
            JsonNode query = queries.get(i);
            String member = "MetricDataQueries.member." + (i + 1);
            String id = query.path("Id").asString(null);
            if (id == null || !ID.matcher(id).matches()) {
                throw CloudWatchException.invalidParameter("The value " + id + " for parameter " + member
                        + ".Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.");
            }
            if (!ids.add(id)) {
                throw CloudWatchException.invalidParameter("The value " + id + " for parameter " + member
                        + ".Id is already used by another query.");
            }
            if (query.has("Expression")) {
                throw CloudWatchException.invalidParameter("Metric math (" + member + ".Expression) is not supported by "
                        + "the local CloudWatch stand-in; ask for a MetricStat.");
            }
            JsonNode stat = query.path("MetricStat");
            if (stat.isMissingNode()) {
                throw CloudWatchException.missingParameter("The parameter " + member + ".MetricStat is required.");
            }
            int period = stat.path("Period").asInt(0);
            if (period < 60 || period % 60 != 0) {
                throw CloudWatchException.invalidParameter("The parameter " + member + ".MetricStat.Period must be a "
                        + "multiple of 60 (the stand-in keeps basic monitoring's five-minute samples).");
            }
            String statistic = stat.path("Stat").asString("");
            if (!STATISTICS.contains(statistic)) {
                throw CloudWatchException.invalidParameter("The statistic " + statistic + " of " + member
                        + " is not supported by the stand-in; use one of " + STATISTICS + ".");
            }
            JsonNode metric = stat.path("Metric");
            String name = metric.path("MetricName").asString("");
            datapoints += (end.getEpochSecond() - start.getEpochSecond()) / period;
            if (datapoints > MAX_DATAPOINTS) {
                throw CloudWatchException.invalidParameter("You have requested up to " + datapoints
                        + " datapoints, which exceeds the limit of " + MAX_DATAPOINTS + ".");
            }
            Result result = new Result(id, query.path("Label").asString(name), List.of(), List.of());
            MetricSeries.Metric known = MetricSeries.Metric.named(name);
            String instanceId = dimension(metric, "InstanceId");
            if (known != null && "AWS/EC2".equals(metric.path("Namespace").asString("")) && instanceId != null
                    && metric.path("Dimensions").size() == 1) {
                Workload workload = workloads.of(region, instanceId).orElse(null);
                if (workload != null && workload.running()) {
                    result = series(result, instanceId, workload.kind(), known, statistic, period, start, end, ascending);
                }
            }
            if (query.path("ReturnData").asBoolean(true)) {
                results.add(result);
            }
        }
        return results;
    }

    private static Result series(Result empty, String instanceId, Workload.Kind kind, MetricSeries.Metric metric,
                                 String statistic, int period, Instant start, Instant end, boolean ascending) {
        List<Instant> timestamps = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        long first = Math.floorDiv(start.getEpochSecond(), period) * period;
        for (long bucket = first; bucket < end.getEpochSecond(); bucket += period) {
            List<Double> samples = new ArrayList<>();
            long sample = Math.floorDiv(bucket + MetricSeries.SAMPLE_SECONDS - 1, MetricSeries.SAMPLE_SECONDS)
                    * MetricSeries.SAMPLE_SECONDS;
            for (; sample < bucket + period && sample < end.getEpochSecond(); sample += MetricSeries.SAMPLE_SECONDS) {
                if (sample >= start.getEpochSecond()) {
                    samples.add(MetricSeries.sample(instanceId, kind, metric, Instant.ofEpochSecond(sample)));
                }
            }
            if (samples.isEmpty()) {
                continue;
            }
            timestamps.add(Instant.ofEpochSecond(bucket));
            values.add(aggregate(statistic, samples));
        }
        if (!ascending) {
            java.util.Collections.reverse(timestamps);
            java.util.Collections.reverse(values);
        }
        return new Result(empty.id(), empty.label(), timestamps, values);
    }

    private static double aggregate(String statistic, List<Double> samples) {
        return switch (statistic) {
            case "Sum" -> samples.stream().mapToDouble(Double::doubleValue).sum();
            case "Minimum" -> samples.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            case "Maximum" -> samples.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            case "SampleCount" -> samples.size();
            default -> samples.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        };
    }

    private static String dimension(JsonNode metric, String name) {
        for (JsonNode dimension : metric.path("Dimensions")) {
            if (name.equals(dimension.path("Name").asString(""))) {
                return dimension.path("Value").asString(null);
            }
        }
        return null;
    }

    private static Instant time(JsonNode request, String name) {
        JsonNode value = request.path(name);
        if (!value.isNumber()) {
            throw CloudWatchException.missingParameter("The parameter " + name + " is required.");
        }
        double seconds = value.asDouble();
        long whole = (long) Math.floor(seconds);
        return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1_000_000_000L));
    }
}
