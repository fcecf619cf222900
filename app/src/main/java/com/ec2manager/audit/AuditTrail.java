package com.ec2manager.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The audit trail: every action, performed, failed or denied, as one item of the audit table.
 *
 * <p>Writes never overwrite. Each is a conditional PutItem
 * ({@code attribute_not_exists(userId) AND attribute_not_exists(#ts)}) under a sort key from
 * {@link AuditTimestamps} (unique per process, time-ordered); when another process took the same
 * key the write is repeated with the next one. An action's record is written PENDING before the
 * action ({@link #begin}) and completed exactly once afterwards ({@link #complete}, an UpdateItem
 * conditional on {@code outcome = PENDING}). A write that fails means the action must not happen:
 * {@link AuditUnavailableException}.
 *
 * <p>Reads never Scan: by user the table, by action ActionIndex, by resource ResourceIndex,
 * across all actions one Query per action on ActionIndex merged newest first. Records past their
 * {@code ttl} are filtered out, since DynamoDB deletes them only eventually.
 */
@Service
@DependsOn("auditTableBootstrap")
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private static final int MAX_WRITE_ATTEMPTS = 16;
    private static final int STREAM_FETCH_SIZE = 1000;
    private static final int FILTERED_FETCH_SIZE = 100;
    private static final String PUT_CONDITION = "attribute_not_exists(#uid) AND attribute_not_exists(#ts)";
    private static final Map<String, String> PUT_NAMES = Map.of("#uid", AuditTableSchema.USER_ID,
            "#ts", AuditTableSchema.TIMESTAMP);

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final long retentionSeconds;
    private final Clock clock;
    private final AuditTimestamps timestamps;
    private final AuditCursorCodec cursors;

    public AuditTrail(DynamoDbClient dynamoDb, AuditProperties properties, Clock clock, AuditCursorCodec cursors) {
        this.dynamoDb = dynamoDb;
        this.tableName = properties.tableName();
        this.retentionSeconds = properties.retention().toSeconds();
        this.clock = clock;
        this.timestamps = new AuditTimestamps(clock);
        this.cursors = cursors;
    }

    /** Writes the record of an action about to be taken, outcome PENDING; the action may go ahead once this returns. */
    public AuditRecord begin(AuditIntent intent) {
        return write(intent, null);
    }

    /** Writes the record of an action with its final result in one go (a denial, a sign-in, …). */
    public AuditRecord record(AuditIntent intent, AuditResult finalResult) {
        if (finalResult == null) {
            throw new IllegalArgumentException("a final result is required");
        }
        return write(intent, finalResult);
    }

    /**
     * Settles a PENDING record with its final result, exactly once.
     *
     * @throws AuditAlreadyCompletedException if the record already has its final outcome
     * @throws AuditRecordNotFoundException   if there is no such record
     */
    public AuditRecord complete(AuditKey key, AuditResult result) {
        Instant completedAt = clock.instant();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#uid", AuditTableSchema.USER_ID);
        names.put("#outcome", AuditItems.OUTCOME);
        names.put("#completedAt", AuditItems.COMPLETED_AT);
        values.put(":pending", AttributeValue.fromS(AuditOutcome.PENDING.name()));
        values.put(":outcome", AttributeValue.fromS(result.outcome().name()));
        values.put(":completedAt", AttributeValue.fromS(AuditTimestamps.format(completedAt)));
        StringBuilder update = new StringBuilder("SET #outcome = :outcome, #completedAt = :completedAt");
        setIfPresent(update, names, values, AuditItems.NEW_STATE, result.newState());
        setIfPresent(update, names, values, AuditItems.AWS_REQUEST_ID, result.awsRequestId());
        setIfPresent(update, names, values, AuditItems.ERROR_CODE, result.errorCode());
        setIfPresent(update, names, values, AuditItems.ERROR_MESSAGE, result.errorMessage());
        try {
            var response = dynamoDb.updateItem(r -> r.tableName(tableName)
                    .key(AuditItems.key(key))
                    .updateExpression(update.toString())
                    .conditionExpression("attribute_exists(#uid) AND #outcome = :pending")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW));
            return AuditItems.fromItem(response.attributes());
        } catch (ConditionalCheckFailedException e) {
            AuditRecord existing = read(key);
            if (existing == null) {
                throw new AuditRecordNotFoundException("There is no audit record " + key.userId() + " / " + key.timestamp() + ".");
            }
            if (completedAt.equals(existing.completedAt()) && existing.outcome() == result.outcome()) {
                return existing; // our own update, retried by the SDK after a lost response
            }
            throw new AuditAlreadyCompletedException("The audit record " + key.userId() + " / " + key.timestamp()
                    + " was already completed as " + existing.outcome() + ".");
        } catch (SdkException e) {
            throw unavailable("complete", e);
        }
    }

    /** One page of records, newest first. */
    public AuditPage query(AuditQuery query) {
        AuditQueryPlan plan = AuditQueryPlan.of(query);
        int pageSize = query.pageSize();
        // one more than the page, to know without another request whether a next page exists; a
        // filtered read evaluates more items per request, since DynamoDB applies Limit before the filter
        int fetchSize = query.outcomes().isEmpty() ? pageSize + 1 : Math.max(pageSize + 1, FILTERED_FETCH_SIZE);
        AuditMergedReader reader = open(plan, query.cursor(), fetchSize);
        List<AuditRecord> records = new ArrayList<>(pageSize);
        try {
            while (records.size() < pageSize && reader.hasNext()) {
                records.add(reader.next());
            }
        } catch (SdkException e) {
            throw unavailable("query", e);
        }
        String next = reader.hasNext() ? cursors.encode(plan.description(), reader.positions()) : null;
        return new AuditPage(records, next);
    }

    /**
     * Every matching record, newest first, read lazily page by page (from the query's cursor if it
     * has one; its limit is ignored). Close the stream when done early.
     */
    public Stream<AuditRecord> stream(AuditQuery query) {
        AuditQueryPlan plan = AuditQueryPlan.of(query);
        AuditMergedReader reader = open(plan, query.cursor(), STREAM_FETCH_SIZE);
        var iterator = new java.util.Iterator<AuditRecord>() {
            @Override
            public boolean hasNext() {
                try {
                    return reader.hasNext();
                } catch (SdkException e) {
                    throw unavailable("stream", e);
                }
            }

            @Override
            public AuditRecord next() {
                try {
                    return reader.next();
                } catch (SdkException e) {
                    throw unavailable("stream", e);
                }
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * The records still PENDING whose event time lies in [from, to), oldest first: for the
     * reconciler of actions interrupted by a crash. One Query per action on ActionIndex, no Scan.
     */
    public List<AuditRecord> findPending(Instant from, Instant to) {
        AuditQueryPlan probe = AuditQueryPlan.of(new AuditQuery(null, null, null, from, to, 0, null));
        AuditQueryPlan plan = AuditQueryPlan.allActions(probe.fromKey(), probe.toKey(), Set.of(AuditOutcome.PENDING));
        AuditMergedReader reader = open(plan, null, STREAM_FETCH_SIZE);
        List<AuditRecord> pending = new ArrayList<>();
        try {
            reader.forEachRemaining(pending::add);
        } catch (SdkException e) {
            throw unavailable("findPending", e);
        }
        pending.sort(Comparator.comparing(AuditRecord::eventTime));
        return pending;
    }

    /** The record with this key, or null. */
    AuditRecord read(AuditKey key) {
        try {
            var item = dynamoDb.getItem(r -> r.tableName(tableName).key(AuditItems.key(key)).consistentRead(true)).item();
            return item == null || item.isEmpty() ? null : AuditItems.fromItem(item);
        } catch (SdkException e) {
            throw unavailable("read", e);
        }
    }

    private AuditMergedReader open(AuditQueryPlan plan, String cursor, int fetchSize) {
        Map<String, AuditCursorCodec.Position> positions = cursor == null || cursor.isEmpty()
                ? Map.of() : cursors.decode(plan.description(), cursor);
        long now = clock.instant().getEpochSecond();
        List<AuditPartitionReader> readers = new ArrayList<>();
        for (String partition : plan.partitions()) {
            AuditCursorCodec.Position position = positions.get(partition);
            if (position != null && position.done()) {
                continue;
            }
            readers.add(new AuditPartitionReader(dynamoDb, tableName, plan, partition,
                    position == null ? null : position.lastKey(), fetchSize, now));
        }
        try {
            return new AuditMergedReader(readers, positions);
        } catch (SdkException e) {
            throw unavailable("query", e);
        }
    }

    private AuditRecord write(AuditIntent intent, AuditResult result) {
        validate(intent);
        String eventId = UUID.randomUUID().toString();
        for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
            String timestamp = timestamps.next();
            AuditRecord record = newRecord(intent, result, eventId, timestamp);
            try {
                dynamoDb.putItem(r -> r.tableName(tableName)
                        .item(AuditItems.toItem(record))
                        .conditionExpression(PUT_CONDITION)
                        .expressionAttributeNames(PUT_NAMES));
                return record;
            } catch (ConditionalCheckFailedException taken) {
                AuditRecord existing = read(record.key());
                if (existing != null && eventId.equals(existing.eventId())) {
                    return existing; // our own write, retried by the SDK after a lost response
                }
                log.debug("audit sort key {} of {} is taken by another process; taking the next", timestamp,
                        intent.actor().userId());
            } catch (SdkException e) {
                throw unavailable("write", e);
            }
        }
        throw new AuditUnavailableException("The audit record could not be written: no free sort key after "
                + MAX_WRITE_ATTEMPTS + " attempts.");
    }

    private AuditRecord newRecord(AuditIntent intent, AuditResult result, String eventId, String timestamp) {
        Instant eventTime = AuditTimestamps.parse(timestamp);
        AuditActor actor = intent.actor();
        return new AuditRecord(new AuditKey(actor.userId(), timestamp), eventId, eventTime, intent.action(),
                intent.resourceType(), intent.resourceId(), actor.email(),
                intent.details() == null ? AuditDetails.NONE : intent.details(),
                actor.ipAddress(), actor.userAgent(), intent.requestId(),
                result == null ? AuditOutcome.PENDING : result.outcome(),
                result == null ? null : result.newState(),
                result == null ? null : result.awsRequestId(),
                result == null ? null : result.errorCode(),
                result == null ? null : result.errorMessage(),
                result == null ? null : eventTime,
                eventTime.getEpochSecond() + retentionSeconds);
    }

    private static void validate(AuditIntent intent) {
        if (intent == null || intent.actor() == null || intent.actor().userId() == null
                || intent.actor().userId().isBlank()) {
            throw new IllegalArgumentException("an audit record needs the acting user's id");
        }
        if (intent.action() == null || intent.resourceType() == null) {
            throw new IllegalArgumentException("an audit record needs an action and a resource type");
        }
    }

    private static void setIfPresent(StringBuilder update, Map<String, String> names, Map<String, AttributeValue> values,
                                     String attribute, String value) {
        if (value != null && !value.isEmpty()) {
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, AttributeValue.fromS(value));
            update.append(", #").append(attribute).append(" = :").append(attribute);
        }
    }

    private AuditUnavailableException unavailable(String operation, SdkException e) {
        log.warn("audit {} on table {} failed: {}", operation, tableName, e.getMessage());
        return new AuditUnavailableException("The audit trail is unavailable; nothing was done. Try again later.", e);
    }
}
