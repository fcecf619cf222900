package com.ec2manager.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.ec2manager.aws.ExpiringTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Remembers action requests by operator and {@code Idempotency-Key} in a small DynamoDB table, so
 * that every instance of the application knows a key any of them has seen. A key is claimed with
 * a conditional PutItem (only one request can win it), then completed with the answer to replay.
 * Items expire through DynamoDB TTL; an expired item still in the table is treated as absent.
 */
public class IdempotencyStore {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyStore.class);
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

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Duration ttl;
    private final Clock clock;

    public IdempotencyStore(DynamoDbClient dynamoDb, String table, Duration ttl, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
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
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, AttributeValue.fromS(scopedKey));
        item.put(FINGERPRINT, AttributeValue.fromS(fingerprint));
        item.put(STATE, AttributeValue.fromS(IN_PROGRESS));
        item.put(REQUEST_ID, AttributeValue.fromS(requestId));
        item.put(CLAIMED_AT, AttributeValue.fromS(now.toString()));
        item.put(TTL, AttributeValue.fromN(Long.toString(now.getEpochSecond() + ttl.toSeconds())));
        try {
            dynamoDb.putItem(r -> {
                r.tableName(table).item(item);
                if (earlier == null) {
                    // an expired item that TTL has not removed yet may be taken over
                    r.conditionExpression("attribute_not_exists(#k) OR #ttl < :now")
                            .expressionAttributeNames(Map.of("#k", KEY, "#ttl", TTL))
                            .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))));
                } else {
                    r.conditionExpression("#rid = :rid")
                            .expressionAttributeNames(Map.of("#rid", REQUEST_ID))
                            .expressionAttributeValues(Map.of(":rid", AttributeValue.fromS(earlier.requestId())));
                }
            });
            return new Claimed();
        } catch (ConditionalCheckFailedException taken) {
            return read(scopedKey).orElseGet(() -> new InProgress(fingerprint, requestId, now, false));
        } catch (SdkException e) {
            throw unavailable(e);
        }
    }

    /** The request that claimed the key ended without knowing whether the service acted: kept, never replayed as is. */
    public void markUnknown(String scopedKey) {
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(Map.of(KEY, AttributeValue.fromS(scopedKey)))
                    .updateExpression("SET #state = :unknown")
                    .expressionAttributeNames(Map.of("#state", STATE))
                    .expressionAttributeValues(Map.of(":unknown", AttributeValue.fromS(UNKNOWN))));
        } catch (SdkException e) {
            // it stays IN_PROGRESS; after the lease its audit records decide all the same
            log.warn("idempotency key {} could not be marked unknown: {}", scopedKey, e.getMessage());
        }
    }

    /** Stores the answer of the request that claimed the key. */
    public void complete(String scopedKey, int status, String contentType, String location, byte[] body) {
        Map<String, String> names = new HashMap<>(Map.of("#state", STATE, "#status", STATUS, "#body", BODY));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":done", AttributeValue.fromS("COMPLETED"),
                ":status", AttributeValue.fromN(Integer.toString(status)),
                ":body", AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(body))));
        StringBuilder update = new StringBuilder("SET #state = :done, #status = :status, #body = :body");
        if (contentType != null) {
            names.put("#ct", CONTENT_TYPE);
            values.put(":ct", AttributeValue.fromS(contentType));
            update.append(", #ct = :ct");
        }
        if (location != null) {
            names.put("#loc", LOCATION);
            values.put(":loc", AttributeValue.fromS(location));
            update.append(", #loc = :loc");
        }
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(Map.of(KEY, AttributeValue.fromS(scopedKey)))
                    .updateExpression(update.toString()).expressionAttributeNames(names).expressionAttributeValues(values));
        } catch (SdkException e) {
            // The action has happened; a retry will find the key in progress until it expires, never act twice.
            log.warn("idempotency key {} could not be completed: {}", scopedKey, e.getMessage());
        }
    }

    /** Gives a key up when its request provably did nothing (the failure said so): a retry may act. */
    public void release(String scopedKey) {
        try {
            dynamoDb.deleteItem(r -> r.tableName(table).key(Map.of(KEY, AttributeValue.fromS(scopedKey))));
        } catch (SdkException e) {
            log.warn("idempotency key {} could not be released: {}", scopedKey, e.getMessage());
        }
    }

    private Optional<Entry> read(String scopedKey) {
        var item = dynamoDb.getItem(r -> r.tableName(table).key(Map.of(KEY, AttributeValue.fromS(scopedKey)))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String fingerprint = item.get(FINGERPRINT).s();
        if (!"COMPLETED".equals(item.get(STATE).s())) {
            // keys claimed before request ids were kept count as claimed long ago by an unknown request
            return Optional.of(new InProgress(fingerprint,
                    item.containsKey(REQUEST_ID) ? item.get(REQUEST_ID).s() : "",
                    item.containsKey(CLAIMED_AT) ? Instant.parse(item.get(CLAIMED_AT).s()) : Instant.EPOCH,
                    UNKNOWN.equals(item.get(STATE).s())));
        }
        return Optional.of(new Completed(fingerprint, Integer.parseInt(item.get(STATUS).n()),
                item.containsKey(CONTENT_TYPE) ? item.get(CONTENT_TYPE).s() : null,
                item.containsKey(LOCATION) ? item.get(LOCATION).s() : null,
                item.get(BODY).b().asByteArray()));
    }

    /** Creates the table with its TTL when it is missing: local mode only. */
    public void createTableIfMissing() {
        ExpiringTables.createIfMissing(dynamoDb, table, KEY, TTL);
    }

    private IdempotencyUnavailableException unavailable(SdkException e) {
        log.warn("idempotency table {} unavailable: {}", table, e.getMessage());
        return new IdempotencyUnavailableException();
    }
}
