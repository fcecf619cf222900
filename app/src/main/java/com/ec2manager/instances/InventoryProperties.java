package com.ec2manager.instances;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The in-memory inventory of the fleet.
 *
 * @param enabled               whether the background refresh runs (tests drive it by hand); default true
 * @param refreshInterval       a full read of each account-region (every page of DescribeInstances and
 *                              DescribeInstanceStatus) this often; default 60 s
 * @param transitionInterval    instances in a transition (pending, stopping, shutting-down) and those an
 *                              action of ours just changed are read again this often until they
 *                              settle; default 5 s
 * @param manualRefreshInterval a person may ask for a refresh of an account-region at most this
 *                              often; default 30 s
 * @param staleAfter            an account-region whose last complete read is older than this is shown
 *                              as stale; default 3 minutes
 * @param callsPerSecond        the inventory's own budget of EC2 calls per account-region, refilled
 *                              per second (EC2's describe bucket refills 20 per second; the rest is
 *                              left to actions and other tools); default 5
 * @param callBurst             the budget's bucket size; default 20
 * @param parallelism           account-regions read at the same time; default 8
 * @param facetTags             tag keys shown as facets with counts; default Environment, Team
 * @param protectionInterval    stop and termination protection of every instance not terminated is read
 *                              again this often (DescribeInstanceAttribute, two calls per instance, from the
 *                              same budget), so that the table can flag protected instances; {@code 0s}
 *                              reads it only on the instance's page; default 30 minutes
 */
@ConfigurationProperties("ec2manager.inventory")
record InventoryProperties(@DefaultValue("true") boolean enabled,
                                  @DefaultValue("60s") Duration refreshInterval,
                                  @DefaultValue("5s") Duration transitionInterval,
                                  @DefaultValue("30s") Duration manualRefreshInterval,
                                  @DefaultValue("3m") Duration staleAfter,
                                  @DefaultValue("5") int callsPerSecond,
                                  @DefaultValue("20") int callBurst,
                                  @DefaultValue("8") int parallelism,
                                  @DefaultValue({"Environment", "Team"}) List<String> facetTags,
                                  @DefaultValue("30m") Duration protectionInterval) {

    InventoryProperties {
        facetTags = facetTags == null ? List.of() : List.copyOf(facetTags);
        if (callsPerSecond < 1 || callBurst < 1 || parallelism < 1) {
            throw new IllegalArgumentException("calls-per-second, call-burst and parallelism must be at least 1");
        }
    }

    /** The defaults, for code that builds the inventory without Spring (the benchmark, tests). */
    static InventoryProperties defaults() {
        return new InventoryProperties(true, Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMinutes(3), 5, 20, 8, List.of("Environment", "Team"),
                Duration.ofMinutes(30));
    }
}
