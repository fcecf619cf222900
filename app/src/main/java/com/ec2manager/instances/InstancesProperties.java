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
 * @param bulkLimit           the most instances one bulk action may name; default 200 (also the
 *                            most values EC2 accepts in one filter)
 * @param bulkParallelism     how many instances of a bulk action are processed at the same time;
 *                            default 8
 */
@ConfigurationProperties("ec2manager.instances")
record InstancesProperties(List<String> regions,
                                  @DefaultValue("15m") Duration regionListTtl,
                                  @DefaultValue("200") int bulkLimit,
                                  @DefaultValue("8") int bulkParallelism) {

    InstancesProperties {
        regions = regions == null ? List.of()
                : regions.stream().map(String::trim).filter(region -> !region.isEmpty()).distinct().toList();
        if (bulkParallelism < 1 || bulkLimit < 1) {
            throw new IllegalArgumentException("bulk-parallelism and bulk-limit must be at least 1");
        }
    }

    /** The defaults, for code that builds the services without Spring (the benchmark, tests). */
    static InstancesProperties defaults() {
        return new InstancesProperties(List.of(), Duration.ofMinutes(15), 200, 8);
    }
}
