package com.ec2manager.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * One DynamoDB table as the hand-written adapters (the audit trail, token revocations, idempotency
 * keys, the reconciler's checkpoint, approvals, schedules) use it: conditional writes that answer
 * whether they won, reads of every page, batch reads that ask again for what DynamoDB left
 * unprocessed — and every other SDK failure logged once and turned into the adapter's own
 * "unavailable" failure, so that no SDK exception leaves the adapter.
 */
public final class DynamoDbTable {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbTable.class);

    private final DynamoDbClient dynamoDb;
    private final String name;
    private final Function<SdkException, ? extends RuntimeException> unavailable;

    /**
     * @param unavailable the adapter's failure for a table that cannot be reached now
     */
    public DynamoDbTable(DynamoDbClient dynamoDb, String name, Function<SdkException, ? extends RuntimeException> unavailable) {
        this.dynamoDb = dynamoDb;
        this.name = name;
        this.unavailable = unavailable;
    }

    public String name() {
        return name;
    }

    /**
     * One call of the client; an SDK failure becomes the adapter's — but a failed condition is the
     * caller's to judge, and reaches it as it is.
     */
    public <T> T call(String operation, Function<DynamoDbClient, T> call) {
        try {
            return call.apply(dynamoDb);
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkException e) {
            throw unavailable(operation, e);
        }
    }

    /**
     * A call whose failure the caller can live with (the record stays as it was): logged, never thrown.
     *
     * @return false when it failed
     */
    public boolean tryCall(String operation, Consumer<DynamoDbClient> call) {
        try {
            call.accept(dynamoDb);
            return true;
        } catch (SdkException e) {
            log.warn("{} on table {} failed: {}", operation, name, e.getMessage());
            return false;
        }
    }

    /** The item with this key, read consistently. */
    public Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        var item = call("GetItem", client -> client.getItem(r -> r.tableName(name).key(key).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Puts the item when {@code condition} holds; false when it does not (someone else wrote first). */
    public boolean putIf(Map<String, AttributeValue> item, Condition condition) {
        return putIf(item, condition, e -> unavailable("PutItem", e));
    }

    /** {@link #putIf(Map, Condition)} with its own failure, for a write whose failure must carry more. */
    public boolean putIf(Map<String, AttributeValue> item, Condition condition,
                         Function<SdkException, ? extends RuntimeException> failure) {
        try {
            dynamoDb.putItem(r -> r.tableName(name).item(item).conditionExpression(condition.expression())
                    .expressionAttributeNames(condition.names())
                    .expressionAttributeValues(condition.values().isEmpty() ? null : condition.values()));
            return true;
        } catch (ConditionalCheckFailedException writtenMeanwhile) {
            return false;
        } catch (SdkException e) {
            throw failure.apply(e);
        }
    }

    /**
     * Puts an item that carries a version number if the stored one is still at {@code readVersion}
     * (0: none stored yet), so that of two writers working from the same read exactly one wins.
     *
     * @return false when someone wrote the item meanwhile
     */
    public boolean putAtVersion(Map<String, AttributeValue> item, String keyAttribute, String versionAttribute,
                                long readVersion) {
        return putIf(item, readVersion == 0 ? Condition.absent(keyAttribute)
                : new Condition("#v = :v", Map.of("#v", versionAttribute), Map.of(":v", Items.n(readVersion))));
    }

    /**
     * Every page of a query, in order, until {@code more} answers false.
     *
     * @return the items DynamoDB read for it, matching a filter or not (its ScannedCount): what the query cost
     */
    public long query(String operation, QueryRequest request, Predicate<QueryResponse> more) {
        long scanned = 0;
        try {
            for (QueryResponse page : dynamoDb.queryPaginator(request.toBuilder().tableName(name).build())) {
                scanned += page.scannedCount();
                if (!more.test(page)) {
                    break;
                }
            }
        } catch (SdkException e) {
            throw unavailable(operation, e);
        }
        return scanned;
    }

    /** Every item a scan finds (small tables only). */
    public List<Map<String, AttributeValue>> scan(String operation, ScanRequest request) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        try {
            for (ScanResponse page : dynamoDb.scanPaginator(request.toBuilder().tableName(name).build())) {
                items.addAll(page.items());
            }
        } catch (SdkException e) {
            throw unavailable(operation, e);
        }
        return items;
    }

    /**
     * The items with these keys (at most 100), read consistently: keys DynamoDB leaves unprocessed
     * (under throttling) are asked again after an exponential backoff, up to {@code rounds} requests
     * in all; what is still unprocessed then makes the read unavailable, never an answer with items missing.
     */
    public List<Map<String, AttributeValue>> getAll(List<Map<String, AttributeValue>> keys, int rounds) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        if (keys.isEmpty()) {
            return found;
        }
        Map<String, KeysAndAttributes> request = Map.of(name, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int round = 0; round < rounds && !request.isEmpty(); round++) {
            if (round > 0) {
                backOff(round);
            }
            Map<String, KeysAndAttributes> asked = request;
            var answer = call("BatchGetItem", client -> client.batchGetItem(r -> r.requestItems(asked)));
            found.addAll(answer.responses().getOrDefault(name, List.of()));
            request = answer.hasUnprocessedKeys() ? answer.unprocessedKeys() : Map.of();
        }
        if (!request.isEmpty()) {
            log.warn("BatchGetItem on table {}: keys still unprocessed after {} requests", name, rounds);
            throw unavailable.apply(SdkException.builder().message("DynamoDB left keys unprocessed").build());
        }
        return found;
    }

    /** Creates the table (string key {@code key}, TTL on {@code ttlAttribute}) unless it exists: local mode only. */
    public void createIfMissing(String key, String ttlAttribute) {
        ExpiringTables.createIfMissing(dynamoDb, name, key, ttlAttribute);
    }

    /** DynamoDB asks for exponential backoff before unprocessed keys are asked again: 20 ms, then 40 ms, … */
    private void backOff(int round) {
        try {
            Thread.sleep(10L << round);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable.apply(SdkException.builder().message("interrupted").cause(e).build());
        }
    }

    private RuntimeException unavailable(String operation, SdkException e) {
        log.warn("{} on table {} failed: {}", operation, name, e.getMessage());
        return unavailable.apply(e);
    }

    /** A write's condition: its expression and the names and values it uses. */
    public record Condition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {

        /** No item with this key is stored yet. */
        public static Condition absent(String keyAttribute) {
            return new Condition("attribute_not_exists(#key)", Map.of("#key", keyAttribute), Map.of());
        }
    }
}
