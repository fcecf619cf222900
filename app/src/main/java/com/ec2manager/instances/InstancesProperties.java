package com.ec2manager.instances;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the application reads and operates the EC2 fleet.
 *
 * @param regions             the regions to show and operate; empty (the default) means every
 *                            region enabled for the account, from DescribeRegions
 * @param regionListTtl       how long the answer of DescribeRegions is kept; default 15 minutes
 * @param regionTimeout       the longest one EC2 call may take, retries included, before it is
 *                            reported as failed; default 20 seconds
 * @param bulkLimit           the most instances one bulk action may name; default 200 (also the
 *                            most values EC2 accepts in one filter)
 * @param bulkParallelism     how many instances of a bulk action are processed at the same time;
 *                            default 8
 * @param reconcilerEnabled   whether audit records left PENDING are settled at start-up and on a
 *                            timer; default true
 * @param reconcilerInterval  the pause between two passes of the reconciler; default 1 minute
 * @param reconcilerGrace     how old a PENDING record must be before the reconciler settles it, so
 *                            that it never races a request still in flight; default 2 minutes
 * @param reconcilerLookback  how far back the reconciler looks for PENDING records; default 31 days
 *                            (the audit records' retention)
 */
@ConfigurationProperties("ec2manager.instances")
public record InstancesProperties(List<String> regions,
                                  @DefaultValue("15m") Duration regionListTtl,
                                  @DefaultValue("20s") Duration regionTimeout,
                                  @DefaultValue("200") int bulkLimit,
                                  @DefaultValue("8") int bulkParallelism,
                                  @DefaultValue("true") boolean reconcilerEnabled,
                                  @DefaultValue("1m") Duration reconcilerInterval,
                                  @DefaultValue("2m") Duration reconcilerGrace,
                                  @DefaultValue("31d") Duration reconcilerLookback) {

    public InstancesProperties {
        regions = regions == null ? List.of()
                : regions.stream().map(String::trim).filter(region -> !region.isEmpty()).distinct().toList();
        if (bulkParallelism < 1 || bulkLimit < 1) {
            throw new IllegalArgumentException("bulk-parallelism and bulk-limit must be at least 1");
        }
    }

    /** The defaults, for code that builds the services without Spring (the benchmark, tests). */
    public static InstancesProperties defaults() {
        return new InstancesProperties(List.of(), Duration.ofMinutes(15), Duration.ofSeconds(20), 200, 8, true, Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofDays(31));
    }
}
