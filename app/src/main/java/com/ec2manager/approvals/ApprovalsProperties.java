package com.ec2manager.approvals;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Four eyes on dangerous actions.
 *
 * @param table          the DynamoDB table holding the policies and the requests (created in local mode);
 *                       default {@code ec2-manager-approvals}
 * @param defaultExpiry  how long a request waits for its approvals when its policy names no expiry; default {@code 60m}
 * @param expiryInterval how often requests past their expiry are closed as expired; default {@code 30s}
 * @param retention      how long a decided request is kept (DynamoDB TTL); the audit trail keeps its records
 *                       regardless; default {@code 90d}
 * @param interruptedAfter how long after its last approval a request still running is taken for one whose
 *                       run an application instance's stop cut short, and closed as INTERRUPTED; longer than
 *                       any run (a bulk action's calls with their timeouts); default {@code 30m}
 */
@ConfigurationProperties("ec2manager.approvals")
record ApprovalsProperties(@DefaultValue("ec2-manager-approvals") String table,
                           @DefaultValue("60m") Duration defaultExpiry,
                           @DefaultValue("30s") Duration expiryInterval,
                           @DefaultValue("90d") Duration retention,
                           @DefaultValue("30m") Duration interruptedAfter) {
}
