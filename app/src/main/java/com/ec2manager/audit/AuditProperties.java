package com.ec2manager.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit trail and its DynamoDB table.
 *
 * @param tableName         the table's name; default {@code ec2-audit-logs}
 * @param retention         how long records are kept: {@code ttl} = epoch seconds of the event
 *                          plus this; default {@code 31d} (2,678,400 s)
 * @param createTable       create the table on start when it is missing; default (unset):
 *                          true in local mode, false in aws mode (the deployment creates it)
 * @param verifyTable       compare an existing table with the seed on start and refuse to start
 *                          on any difference; default true
 * @param tableReadyTimeout how long to wait for the table and its indexes to become ACTIVE;
 *                          default {@code 2m}
 * @param cursorSecret      the HMAC-SHA256 key that signs paging cursors (at least 32
 *                          characters); a secret, never log it. Unset in local mode: one is
 *                          generated once and kept in {@code <data-dir>/audit/cursor-secret}.
 *                          Unset in aws mode: a random key per process, with a warning, so a
 *                          cursor only works on the instance that issued it — set it when several
 *                          instances serve behind a load balancer
 */
@ConfigurationProperties("ec2manager.audit")
public record AuditProperties(@DefaultValue("ec2-audit-logs") String tableName,
                              @DefaultValue("31d") Duration retention,
                              Boolean createTable,
                              @DefaultValue("true") boolean verifyTable,
                              @DefaultValue("2m") Duration tableReadyTimeout,
                              String cursorSecret) {

    public static AuditProperties defaults() {
        return new AuditProperties("ec2-audit-logs", Duration.ofDays(31), null, true, Duration.ofMinutes(2), null);
    }

    /** Whether a missing table is created, given the mode's default when not configured. */
    public boolean createTable(boolean modeDefault) {
        return createTable != null ? createTable : modeDefault;
    }
}
