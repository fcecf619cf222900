package com.ec2manager.schedules;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Schedules that start and stop instances.
 *
 * @param enabled         run the schedules' transitions (each application instance checks every 20 s; one acts
 *                        on each transition); default true
 * @param table           the DynamoDB table of schedules, overrides and transition claims (created in local
 *                        mode); default {@code ec2-manager-schedules}
 * @param startBurst      instances started at once per account and region at a transition before pacing sets in;
 *                        default 100
 * @param startsPerSecond instances started per second per account and region past the burst, EC2's StartInstances
 *                        refill; default 2
 */
@ConfigurationProperties("ec2manager.schedules")
record SchedulesProperties(@DefaultValue("true") boolean enabled,
                           @DefaultValue("ec2-manager-schedules") String table,
                           @DefaultValue("100") int startBurst,
                           @DefaultValue("2") int startsPerSecond) {

    SchedulesProperties {
        if (startBurst < 1 || startsPerSecond < 1) {
            throw new IllegalArgumentException("ec2manager.schedules.start-burst and starts-per-second must be at least 1");
        }
    }
}
