package com.ec2manager.stream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The leased consumer of the audit table's stream (Kinesis Client Library 3 with the DynamoDB
 * Streams adapter).
 *
 * @param enabled         run the consumer (archive, digests, tamper alarms, notifications)
 * @param applicationName KCL's application name: its lease table, and {@code <name>-CoordinatorState}
 *                        and {@code <name>-WorkerMetricStats}
 * @param workerId        this instance's name among the workers; empty: host name and a random suffix
 * @param pollInterval    pause between GetRecords calls on an idle shard
 * @param failoverTime    a lease not renewed for this long may be taken by another instance
 * @param settleAtShutdown how long a shard's shutdown waits for the notifications of its changes
 *                        still under way; changes whose notifications are not done by then are not
 *                        checkpointed, so the shard's next owner replays them
 * @param workerMetrics   let KCL read this host's CPU to balance leases (it asks the EC2/ECS
 *                        metadata endpoints which platform it is on); off in local mode
 */
@ConfigurationProperties("ec2manager.stream")
record StreamProperties(@DefaultValue("true") boolean enabled,
                               @DefaultValue("ec2-manager-audit-stream") String applicationName,
                               String workerId,
                               @DefaultValue("1s") Duration pollInterval,
                               @DefaultValue("10s") Duration failoverTime,
                               @DefaultValue("10s") Duration settleAtShutdown,
                               Boolean workerMetrics) {
}
