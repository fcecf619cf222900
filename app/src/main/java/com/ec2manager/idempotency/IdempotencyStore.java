package com.ec2manager.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.ec2manager.aws.DynamoDbTable;
import com.ec2manager.aws.DynamoDbTable.Condition;
import com.ec2manager.aws.Items;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Remembers action requests by operator and {@code Idempotency-Key} in a small DynamoDB table, so
 * that every instance of the application knows a key any of them has seen. A key is claimed with
 * a conditional PutItem (only one request can win it), then completed with the answer to replay.
 * Items expire through DynamoDB TTL; an expired item still in the table is treated as absent.
 */
class IdempotencyStore {

    static final String KEY = "idempotencyKey";
    private static final String FINGERPRINT = "fingerprint";
    private static final String STATE = "state";
    private static final String STATUS = "status";
    private static final String CONTENT_TYPE = "contentType";
    private static final String LOCATION = "location";
    private static final String BODY = "body";
    private static final String TTL = "ttl";
    private static final String REQUEST_ID = "requestId";
    private static final String CLAIMED_AT = "claimedAt";
    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String UNKNOWN = "UNKNOWN";
    private static final String COMPLETED = "COMPLETED";

    private final DynamoDbTable table;
    private final Duration ttl;
    private final Clock clock;

    public IdempotencyStore(DynamoDbClient dynamoDb, String table, Duration ttl, Clock clock) {
        this.table = new DynamoDbTable(dynamoDb, table, unreachable -> new IdempotencyUnavailableException());
        this.ttl = ttl;
        this.clock = clock;
    }

    /** What is known about a key. */
    public sealed interface Entry permits Claimed, InProgress, Completed {
    }

    /** This request won the key and must act, then {@link #complete} it. */
    public record Claimed() implements Entry {
    }

    /**
     * Another request with the key is being served, was cut off (the application stopped), or
     * ended with an unknown outcome: whether it acted is for its audit records to tell.
     *
     * @param requestId the request id of the request that claimed the key (its audit records carry it)
     * @param claimedAt when it claimed the key
     * @param unknown   the request ended and did not know whether the service acted
     */
    public record InProgress(String fingerprint, String requestId, Instant claimedAt, boolean unknown) implements Entry {
    }

    /** The first request's answer, to be replayed. */
    public record Completed(String fingerprint, int status, String contentType, String location, byte[] body)
            implements Entry {
    }

    /**
     * Claims the key for a request, or says who has it.
     *
     * @throws IdempotencyUnavailableException when the table cannot be reached (nothing is done then)
     */
    public Entry claim(String scopedKey, String fingerprint, String requestId) {
        return put(scopedKey, fingerprint, requestId, null);
    }

    /**
     * Claims a key whose earlier request provably did nothing (no audit record), unless another
     * request took it over first.
     */
    public Entry takeOver(String scopedKey, String fingerprint, String requestId, InProgress earlier) {
        return put(scopedKey, fingerprint, requestId, earlier);
    }

    private Entry put(String scopedKey, String fingerprint, String requestId, InProgress earlier) {
        Instant now = clock.instant();
        var item = Items.item().s(KEY, scopedKey).s(FINGERPRINT, fingerprint).s(STATE, IN_PROGRESS)
                .s(REQUEST_ID, requestId).s(CLAIMED_AT, now.toString()).n(TTL, now.getEpochSecond() + ttl.toSeconds())
                .build();
        var free = earlier == null
                // an expired item that TTL has not removed yet may be taken over
                ? new Condition("attribute_not_exists(#k) OR #ttl < :now", Map.of("#k", KEY, "#ttl", TTL),
                        Map.of(":now", Items.n(now.getEpochSecond())))
                : new Condition("#rid = :rid", Map.of("#rid", REQUEST_ID), Map.of(":rid", Items.s(earlier.requestId())));
        if (table.putIf(item, free)) {
            return new Claimed();
        }
        return read(scopedKey).orElseGet(() -> new InProgress(fingerprint, requestId, now, false));
    }

    /** The request that claimed the key ended without knowing whether the service acted: kept, never replayed as is. */
    public void markUnknown(String scopedKey) {
        // if this fails it stays IN_PROGRESS; after the lease its audit records decide all the same
        table.tryCall("mark unknown", client -> client.updateItem(r -> r.tableName(table.name())
                .key(Items.key(KEY, scopedKey)).updateExpression("SET #state = :unknown")
                .expressionAttributeNames(Map.of("#state", STATE))
                .expressionAttributeValues(Map.of(":unknown", Items.s(UNKNOWN)))));
    }

    /** Stores the answer of the request that claimed the key. */
    public void complete(String scopedKey, int status, String contentType, String location, byte[] body) {
        Map<String, String> names = new HashMap<>(Map.of("#state", STATE, "#status", STATUS, "#body", BODY));
        Map<String, AttributeValue> values = new HashMap<>(Items.item().s(":done", COMPLETED).n(":status", status)
                .b(":body", body).s(":ct", contentType).s(":loc", location).build());
        StringBuilder update = new StringBuilder("SET #state = :done, #status = :status, #body = :body");
        if (values.containsKey(":ct")) {
            names.put("#ct", CONTENT_TYPE);
            update.append(", #ct = :ct");
        }
        if (values.containsKey(":loc")) {
            names.put("#loc", LOCATION);
            update.append(", #loc = :loc");
        }
        // if this fails, the action has happened all the same: a retry finds the key in progress until it
        // expires, and never acts twice
        table.tryCall("complete", client -> client.updateItem(r -> r.tableName(table.name())
                .key(Items.key(KEY, scopedKey)).updateExpression(update.toString())
                .expressionAttributeNames(names).expressionAttributeValues(values)));
    }

    /** Gives a key up when its request provably did nothing (the failure said so): a retry may act. */
    public void release(String scopedKey) {
        table.tryCall("release", client -> client.deleteItem(r -> r.tableName(table.name()).key(Items.key(KEY, scopedKey))));
    }

    private Optional<Entry> read(String scopedKey) {
        return table.get(Items.key(KEY, scopedKey)).map(item -> {
            String fingerprint = Items.string(item, FINGERPRINT);
            String state = Items.string(item, STATE);
            if (!COMPLETED.equals(state)) {
                // keys claimed before request ids were kept count as claimed long ago by an unknown request
                String claimedAt = Items.string(item, CLAIMED_AT);
                String requestId = Items.string(item, REQUEST_ID);
                return new InProgress(fingerprint, requestId == null ? "" : requestId,
                        claimedAt == null ? Instant.EPOCH : Instant.parse(claimedAt), UNKNOWN.equals(state));
            }
            return new Completed(fingerprint, (int) Items.number(item, STATUS, 0), Items.string(item, CONTENT_TYPE),
                    Items.string(item, LOCATION), Items.bytes(item, BODY));
        });
    }

    /** Creates the table with its TTL when it is missing: local mode only. */
    public void createTableIfMissing() {
        table.createIfMissing(KEY, TTL);
    }
}
