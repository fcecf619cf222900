package com.ec2manager.action;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.ec2manager.audit.AuditKey;
import com.ec2manager.aws.ExpiringTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Where the reconciler's passes have got to, shared by every application instance through one
 * DynamoDB item: the sort key up to which records have been read, and the PENDING records read
 * but not settled yet (in flight). A pass reads only those and the records written since; two
 * nodes saving at once merge their in-flight sets (a conditional write on a version), so neither
 * loses a record. The item expires (TTL) when no pass has run for the initial look-back, after
 * which a pass starts afresh from that look-back.
 */
public class ReconcilerCheckpoint {

    private static final String ID = "id";
    /** The item of the application's passes; tests keep their own. */
    public static final String ITEM = "pending-audit-records";
    private static final String READ_UP_TO = "readUpTo";
    private static final String IN_FLIGHT = "inFlight";
    private static final String VERSION = "version";
    private static final String EXPIRES_AT = "expiresAt";
    private static final int MAX_SAVE_ATTEMPTS = 5;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String itemId;

    public ReconcilerCheckpoint(DynamoDbClient dynamoDb, String table, String item) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.itemId = item;
    }

    /**
     * @param readUpTo every record with a sort key before this has been read
     * @param inFlight records read while PENDING and not settled yet
     * @param version  for the conditional save
     */
    record State(String readUpTo, Set<AuditKey> inFlight, long version) {
    }

    Optional<State> load() {
        var item = dynamoDb.getItem(r -> r.tableName(table).key(Map.of(ID, AttributeValue.fromS(itemId)))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Set<AuditKey> inFlight = new LinkedHashSet<>();
        AttributeValue list = item.get(IN_FLIGHT);
        if (list != null && list.hasL()) {
            for (AttributeValue key : list.l()) {
                inFlight.add(new AuditKey(key.m().get("u").s(), key.m().get("t").s()));
            }
        }
        return Optional.of(new State(item.get(READ_UP_TO).s(), inFlight, Long.parseLong(item.get(VERSION).n())));
    }

    /** Saves a pass's progress on top of {@code previous} (null: none yet), merging with a pass saved meanwhile. */
    void save(State previous, String readUpTo, Set<AuditKey> inFlight, Instant expiresAt) {
        State base = previous;
        Set<AuditKey> keys = new LinkedHashSet<>(inFlight);
        String upTo = readUpTo;
        for (int attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt++) {
            long version = base == null ? 0 : base.version();
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(ID, AttributeValue.fromS(itemId));
            item.put(READ_UP_TO, AttributeValue.fromS(upTo));
            List<AttributeValue> list = new ArrayList<>();
            keys.forEach(key -> list.add(AttributeValue.fromM(Map.of("u", AttributeValue.fromS(key.userId()),
                    "t", AttributeValue.fromS(key.timestamp())))));
            item.put(IN_FLIGHT, AttributeValue.fromL(list));
            item.put(VERSION, AttributeValue.fromN(Long.toString(version + 1)));
            item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
            try {
                dynamoDb.putItem(r -> r.tableName(table).item(item)
                        .conditionExpression(version == 0 ? "attribute_not_exists(#id)" : "#v = :v")
                        .expressionAttributeNames(version == 0 ? Map.of("#id", ID) : Map.of("#v", VERSION))
                        .expressionAttributeValues(version == 0 ? null
                                : Map.of(":v", AttributeValue.fromN(Long.toString(version)))));
                return;
            } catch (ConditionalCheckFailedException savedMeanwhile) {
                base = load().orElse(null);
                if (base != null) {
                    // keep both passes' unsettled records (a settled one is dropped when next read) and the lower mark
                    keys.addAll(base.inFlight());
                    upTo = base.readUpTo().compareTo(upTo) < 0 ? base.readUpTo() : upTo;
                }
            }
        }
        throw new IllegalStateException("the reconciler checkpoint kept changing; saved by the next pass");
    }

    public void createTableIfMissing() {
        ExpiringTables.createIfMissing(dynamoDb, table, ID, EXPIRES_AT);
    }
}
