package com.ec2manager.action;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one reconciler of audit records left PENDING.
 *
 * @param enabled         run it (at start-up and on the timer); default true
 * @param interval        pause between passes; default {@code 1m}
 * @param grace           age a PENDING record must reach before it is judged; must be longer than the
 *                        slowest call's timeout (the application refuses to start otherwise); default {@code 2m}
 * @param startDelay      when the first pass runs after start-up; default {@code 5s}
 * @param initialLookback how far back the very first pass looks, when there is no checkpoint yet; default {@code 31d}
 * @param checkpointTable the DynamoDB table keeping how far the passes have read and which records are still in
 *                        flight, shared by every instance (created in local mode); default {@code ec2-manager-reconciler}
 */
@ConfigurationProperties("ec2manager.audit.reconciler")
public record ReconcilerProperties(@DefaultValue("true") boolean enabled,
                                   @DefaultValue("1m") Duration interval,
                                   @DefaultValue("2m") Duration grace,
                                   @DefaultValue("5s") Duration startDelay,
                                   @DefaultValue("31d") Duration initialLookback,
                                   @DefaultValue("ec2-manager-reconciler") String checkpointTable) {
}
