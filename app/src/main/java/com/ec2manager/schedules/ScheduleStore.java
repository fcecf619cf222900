package com.ec2manager.schedules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.ec2manager.aws.DynamoDbTable;
import com.ec2manager.aws.DynamoDbTable.Condition;
import com.ec2manager.aws.Items;
import com.ec2manager.failure.FailureKind;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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

    private final DynamoDbTable table;

    ScheduleStore(DynamoDbClient dynamoDb, String table) {
        this.table = new DynamoDbTable(dynamoDb, table, unreachable -> new ScheduleFailure(FailureKind.UNAVAILABLE,
                "SchedulesUnavailable", "Schedules cannot be read or written now; nothing was done. Try again shortly."));
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
        var item = Items.item().s(ID, "transition#" + scheduleId + "#" + minute).s("claimant", claimant)
                .s("claimedAt", now.toString()).n(EXPIRES_AT, now.plus(CLAIM_KEPT).getEpochSecond()).build();
        return table.putIf(item, Condition.absent(ID));
    }

    void createTableIfMissing() {
        table.createIfMissing(ID, EXPIRES_AT);
    }

    private <T> Versioned<T> read(String id, TypeReference<List<T>> type) {
        return table.get(Items.key(ID, id))
                .map(item -> new Versioned<>(JSON.readValue(Items.string(item, DOC), type), Items.number(item, VERSION, 0)))
                .orElseGet(() -> new Versioned<>(List.of(), 0));
    }

    private boolean write(String id, long readVersion, List<?> all) {
        var item = Items.item().s(ID, id).n(VERSION, readVersion + 1).s(DOC, JSON.writeValueAsString(all)).build();
        return table.putAtVersion(item, ID, VERSION, readVersion);
    }
}
