package com.ec2manager.monitoring;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The instance page's monitoring charts: {@code ec2manager.monitoring.*}.
 *
 * @param window  how far back the charts reach; default 24 hours
 * @param period  one datapoint per period (CloudWatch's statistic over it); default 30 minutes, a multiple of 60 s
 * @param timeout how long one GetMetricData may take with its retries before the panel says it cannot be read; default 5 s
 * @param fleetInterval the average CPU of every running instance over the window (the instances table's
 *                      sortable "CPU 24 h" column) is read again this often, per account-region, 500
 *                      instances per GetMetricData call; {@code 0s} turns the column's reads off; default 10 minutes
 */
@ConfigurationProperties("ec2manager.monitoring")
record MonitoringProperties(@DefaultValue("24h") Duration window, @DefaultValue("30m") Duration period,
                            @DefaultValue("5s") Duration timeout, @DefaultValue("10m") Duration fleetInterval) {

    MonitoringProperties {
        if (period.toSeconds() < 60 || period.toSeconds() % 60 != 0) {
            throw new IllegalArgumentException("ec2manager.monitoring.period must be a positive multiple of 60 s");
        }
        if (window.compareTo(period) < 0) {
            throw new IllegalArgumentException("ec2manager.monitoring.window must be at least one period");
        }
    }
}
