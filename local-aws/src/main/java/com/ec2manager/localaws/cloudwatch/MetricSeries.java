package com.ec2manager.localaws.cloudwatch;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.zip.CRC32;

/**
 * Deterministic, plausible values of the AWS/EC2 metrics: the same instance, metric and minute
 * always give the same number (so tests and screenshots are stable), shaped by the instance's
 * {@link Workload} — a daily rhythm peaking in the afternoon (UTC), plus per-instance level and
 * per-minute noise derived from a hash, not from a random generator.
 */
final class MetricSeries {

    /** The metrics the stand-in knows, with CloudWatch's units. */
    enum Metric {
        CPU_UTILIZATION("CPUUtilization", "Percent"),
        NETWORK_IN("NetworkIn", "Bytes"),
        NETWORK_OUT("NetworkOut", "Bytes");

        final String name;
        final String unit;

        Metric(String name, String unit) {
            this.name = name;
            this.unit = unit;
        }

        static Metric named(String name) {
            for (Metric metric : values()) {
                if (metric.name.equals(name)) {
                    return metric;
                }
            }
            return null;
        }
    }

    /** EC2's basic monitoring samples every five minutes. */
    static final long SAMPLE_SECONDS = 300;

    private MetricSeries() {
    }

    /** The sample of {@code metric} for the five minutes starting at {@code time} (aligned down). */
    static double sample(String instanceId, Workload.Kind kind, Metric metric, Instant time) {
        long slot = Math.floorDiv(time.getEpochSecond(), SAMPLE_SECONDS);
        double level = unit(instanceId, metric.name, 0); // this instance's own level within its kind
        double noise = unit(instanceId, metric.name, slot) - 0.5;
        double hour = time.atZone(ZoneOffset.UTC).getHour() + time.atZone(ZoneOffset.UTC).getMinute() / 60.0;
        double rhythm = 0.5 + 0.5 * Math.sin((hour - 9) / 24 * 2 * Math.PI); // low at 03:00, high at 15:00
        double cpu = switch (kind) {
            case BUSY -> 35 + 20 * level + 25 * rhythm + 10 * noise;
            case STEADY -> 8 + 12 * level + 8 * rhythm + 5 * noise;
            case IDLE -> 0.6 + 1.6 * level + 0.4 * rhythm + 0.6 * noise;
        };
        cpu = Math.max(0.1, Math.min(99.5, cpu));
        return switch (metric) {
            case CPU_UTILIZATION -> round(cpu, 3);
            // bytes per five minutes, roughly following the CPU
            case NETWORK_IN -> Math.rint(bytesPerPercent(kind) * cpu * (0.8 + 0.4 * unit(instanceId, "in", slot)));
            case NETWORK_OUT -> Math.rint(bytesPerPercent(kind) * 0.6 * cpu * (0.8 + 0.4 * unit(instanceId, "out", slot)));
        };
    }

    private static double bytesPerPercent(Workload.Kind kind) {
        return switch (kind) {
            case BUSY -> 2_500_000;
            case STEADY -> 600_000;
            case IDLE -> 40_000;
        };
    }

    /** A number in [0, 1) fixed by its inputs. */
    private static double unit(String instanceId, String salt, long slot) {
        CRC32 crc = new CRC32();
        crc.update((instanceId + '\u0000' + salt + '\u0000' + slot).getBytes(StandardCharsets.UTF_8));
        long mixed = crc.getValue() * 0x9E3779B97F4A7C15L;
        return ((mixed >>> 11) & ((1L << 53) - 1)) / (double) (1L << 53);
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
