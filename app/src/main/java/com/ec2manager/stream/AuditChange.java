package com.ec2manager.stream;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One record of the audit table's stream, without SDK types: which item changed, how, and its
 * images before and after in DynamoDB's JSON form ({@code {"S": "…"}}, {@code {"N": "…"}}, …,
 * see {@link AttributeJson}), so that an archived image compares exactly with the live item.
 *
 * @param eventId             the stream's id of the record
 * @param kind                INSERT, MODIFY or REMOVE
 * @param shardId             the shard it came from
 * @param sequenceNumber      its sequence number within the stream; with the key, the record's version
 * @param approximateCreation when DynamoDB wrote it (second precision)
 * @param userId              the item's partition key
 * @param timestamp           the item's sort key
 * @param oldImage            the item before (MODIFY, REMOVE), or null
 * @param newImage            the item after (INSERT, MODIFY), or null
 * @param ttlDeletion         true for a REMOVE that DynamoDB's TTL made (userIdentity Service,
 *                            principal dynamodb.amazonaws.com)
 */
public record AuditChange(String eventId, Kind kind, String shardId, String sequenceNumber,
                          Instant approximateCreation, String userId, String timestamp,
                          Map<String, Object> oldImage, Map<String, Object> newImage, boolean ttlDeletion) {

    public enum Kind { INSERT, MODIFY, REMOVE }

    public AuditChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** The item's key as one name, {@code userId/timestamp}, as reports and archive lines name it. */
    public String itemKey() {
        return userId + "/" + timestamp;
    }

    /** The image the item has after this change: the new one, or the old one for a REMOVE. */
    public Map<String, Object> latestImage() {
        return newImage != null ? newImage : oldImage;
    }

    /** Sequence numbers are decimal strings of growing length; compares them as numbers. */
    public static int compareSequence(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    /** A plain string attribute of an image ({@code {"S": …}}), or null. */
    public static String string(Map<String, Object> image, String attribute) {
        if (image == null || !(image.get(attribute) instanceof Map<?, ?> value)) {
            return null;
        }
        return value.get("S") instanceof String text ? text : null;
    }
}
