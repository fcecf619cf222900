package com.ec2manager.archive;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit archive in S3 (locally: the S3 emulator of the local stack).
 *
 * @param bucket        the bucket; in aws mode the CDK creates it with versioning and Object Lock
 * @param interval      one archive file per shard and interval, and one digest per interval; at most 5 minutes
 * @param createBucket  create the bucket when missing (local mode); null: true in local mode, false in aws mode
 * @param maxBuffered   records a shard keeps in memory before it writes a file early
 */
@ConfigurationProperties("ec2manager.archive")
public record ArchiveProperties(@DefaultValue("ec2-manager-audit-archive") String bucket,
                                @DefaultValue("5m") Duration interval,
                                Boolean createBucket,
                                @DefaultValue("10000") int maxBuffered) {

    static final Duration LONGEST_INTERVAL = Duration.ofMinutes(5);

    public ArchiveProperties {
        if (interval.isZero() || interval.isNegative() || interval.compareTo(LONGEST_INTERVAL) > 0) {
            throw new IllegalArgumentException("ec2manager.archive.interval must be more than 0 and at most 5m, not "
                    + interval);
        }
    }
}
