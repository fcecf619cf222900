package com.ec2manager.dashboard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the dashboard keeps in memory between views.
 *
 * @param auditPanelsMaxAge the longest the "Recent activity" and "Needs attention" panels are shown
 *                          from memory; before that they are read again as soon as the audit table
 *                          changes (this instance's writes, the stream's tail for the others')
 * @param todayReuse        while records keep arriving, how long today's column of the "Actions per
 *                          day" chart is shown as counted before it is counted again (the chart
 *                          says when it was counted); with no change it is kept as the finished days are
 */
@ConfigurationProperties("ec2manager.dashboard")
record DashboardProperties(@DefaultValue("60s") Duration auditPanelsMaxAge,
                                  @DefaultValue("15s") Duration todayReuse) {
}
