package com.ec2manager.integrity;

import java.time.Instant;

/**
 * A tampering the consumer saw in the stream, shown to administrators until one acknowledges it.
 *
 * @param id          stable for the stream record that showed it, so that a replay raises no second alarm
 * @param kind        edited or deleted
 * @param itemKey     the record, {@code userId/timestamp}
 * @param description what happened
 * @param detectedAt  when the consumer saw it
 */
public record TamperAlarm(String id, Tamper.Kind kind, String itemKey, String description, Instant detectedAt) {
}
