package com.ec2manager.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The console and JSON API's own settings.
 *
 * @param idempotencyTable the DynamoDB table that remembers action requests by their
 *                         {@code Idempotency-Key}, shared by every instance of the application;
 *                         default {@code ec2-manager-idempotency} (created at start-up in local mode,
 *                         by the infrastructure in aws mode: partition key {@code idempotencyKey} (S),
 *                         TTL attribute {@code ttl})
 * @param idempotencyTtl   how long a key and its first answer are kept; default 24 hours
 * @param exportTimeout    how long one streamed audit export may take; default 30 minutes
 */
@ConfigurationProperties("ec2manager.console")
public record ConsoleProperties(@DefaultValue("ec2-manager-idempotency") String idempotencyTable,
                                @DefaultValue("24h") Duration idempotencyTtl,
                                @DefaultValue("30m") Duration exportTimeout) {
}
