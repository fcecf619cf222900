package com.ec2manager.schedules;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.ec2manager.aws.ExpiringTables;
import com.ec2manager.aws.VersionedItems;
import com.ec2manager.failure.FailureKind;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Schedules, overrides and transition claims in one DynamoDB table. The schedules are one item and
 * the overrides another, each written with a condition on its version. A transition is claimed with
 * a conditional write of its own item ({@code attribute_not_exists}): of N application instances
 * exactly one acts on it; the claims expire after two days.
 */
class ScheduleStore {

    private static final String ID = "id";
    private static final String VERSION = "version";
    private static final String DOC = "doc";
    private static final String EXPIRES_AT = "expiresAt";
    private static final String SCHEDULES_ID = "schedules";
    private static final String OVERRIDES_ID = "overrides";
    private static final Duration CLAIM_KEPT = Duration.ofDays(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Schedule>> SCHEDULES = new TypeReference<>() { };
    private static final TypeReference<List<ScheduleOverride>> OVERRIDES = new TypeReference<>() { };

    private final DynamoDbClient dynamoDb;
    private final String table;

    ScheduleStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** A list item and the version it was read at. */
    record Versioned<T>(List<T> all, long version) {
    }

    Versioned<Schedule> schedules() {
        return read(SCHEDULES_ID, SCHEDULES);
    }

    boolean saveSchedules(Versioned<Schedule> read, List<Schedule> all) {
        return write(SCHEDULES_ID, read.version(), all);
    }

    Versioned<ScheduleOverride> overrides() {
        return read(OVERRIDES_ID, OVERRIDES);
    }

    boolean saveOverrides(Versioned<ScheduleOverride> read, List<ScheduleOverride> all) {
        return write(OVERRIDES_ID, read.version(), all);
    }

    /** Claims a schedule's transition for this instance; false when another instance claimed it first. */
    boolean claim(String scheduleId, Instant minute, String claimant, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, AttributeValue.fromS("transition#" + scheduleId + "#" + minute));
        item.put("claimant", AttributeValue.fromS(claimant));
        item.put("claimedAt", AttributeValue.fromS(now.toString()));
        item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(now.plus(CLAIM_KEPT).getEpochSecond())));
        try {
            call(() -> dynamoDb.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", ID))));
            return true;
        } catch (ConditionalCheckFailedException claimedElsewhere) {
            return false;
        }
    }

    void createTableIfMissing() {
        ExpiringTables.createIfMissing(dynamoDb, table, ID, EXPIRES_AT);
    }

    private <T> Versioned<T> read(String id, TypeReference<List<T>> type) {
        Map<String, AttributeValue> item = call(() -> dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(ID, AttributeValue.fromS(id)))).item());
        if (item == null || item.isEmpty()) {
            return new Versioned<>(List.of(), 0);
        }
        return new Versioned<>(JSON.readValue(item.get(DOC).s(), type), Long.parseLong(item.get(VERSION).n()));
    }

    private boolean write(String id, long readVersion, List<?> all) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, AttributeValue.fromS(id));
        item.put(VERSION, AttributeValue.fromN(Long.toString(readVersion + 1)));
        item.put(DOC, AttributeValue.fromS(JSON.writeValueAsString(all)));
        return call(() -> VersionedItems.put(dynamoDb, table, item, ID, VERSION, readVersion));
    }

    private static <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkException e) {
            throw new ScheduleFailure(FailureKind.UNAVAILABLE, "SchedulesUnavailable",
                    "Schedules cannot be read or written now; nothing was done. Try again shortly.");
        }
    }
}
