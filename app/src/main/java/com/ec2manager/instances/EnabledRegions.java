package com.ec2manager.instances;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The regions the application shows and operates: the configured ones, or else the ones
 * DescribeRegions reports as enabled, remembered for a while since they rarely change.
 */
public class EnabledRegions {

    private static final Logger log = LoggerFactory.getLogger(EnabledRegions.class);

    private final Ec2Gateway gateway;
    private final InstancesProperties properties;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private record Snapshot(List<String> regions, Instant fetchedAt) {
    }

    public EnabledRegions(Ec2Gateway gateway, InstancesProperties properties, Clock clock) {
        this.gateway = gateway;
        this.properties = properties;
        this.clock = clock;
    }

    public List<String> all() {
        if (!properties.regions().isEmpty()) {
            return properties.regions();
        }
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current != null && current.fetchedAt().plus(properties.regionListTtl()).isAfter(now)) {
            return current.regions();
        }
        try {
            List<String> regions = gateway.describeRegions(Ec2Caller.system("regions"));
            snapshot = new Snapshot(regions, now);
            return regions;
        } catch (Ec2CallException e) {
            if (current != null) {
                log.warn("DescribeRegions failed ({}); keeping the regions read at {}", e.code(), current.fetchedAt());
                return current.regions();
            }
            throw e;
        }
    }
}
