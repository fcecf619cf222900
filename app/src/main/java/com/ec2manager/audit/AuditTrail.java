package com.ec2manager.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.ec2manager.aws.DynamoDbTable;
import com.ec2manager.aws.DynamoDbTable.Condition;
import com.ec2manager.aws.Items;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
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
    /** BatchGetItem requests for keys DynamoDB leaves unprocessed. */
    private static final int MAX_BATCH_ROUNDS = 5;
    private static final Map<String, String> KEY_NAMES = Map.of("#uid", AuditTableSchema.USER_ID,
            "#ts", AuditTableSchema.TIMESTAMP);
    private static final Condition NEW_KEY = new Condition("attribute_not_exists(#uid) AND attribute_not_exists(#ts)",
            KEY_NAMES, Map.of());

    private final DynamoDbClient dynamoDb;
    private final DynamoDbTable table;
    private final String tableName;
    private final long retentionSeconds;
    private final Clock clock;
    private final AuditTimestamps timestamps;
    private final AuditCursorCodec cursors;
    private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();

    public AuditTrail(DynamoDbClient dynamoDb, AuditProperties properties, Clock clock, AuditCursorCodec cursors) {
        this.dynamoDb = dynamoDb;
        this.tableName = properties.tableName();
        this.table = new DynamoDbTable(dynamoDb, tableName, unreachable -> new AuditUnavailableException(NOTHING_DONE, unreachable));
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
        return write(intent, finalResult.requireConsistent());
    }

    /**
     * Settles a PENDING record with its final result, exactly once.
     *
     * @throws AuditAlreadyCompletedException if the record already has its final outcome
     * @throws AuditRecordNotFoundException   if there is no such record
     */
    public AuditRecord complete(AuditKey key, AuditResult result) {
        result.requireConsistent();
        Instant completedAt = clock.instant();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#uid", AuditTableSchema.USER_ID);
        names.put("#outcome", AuditItems.OUTCOME);
        names.put("#completedAt", AuditItems.COMPLETED_AT);
        values.put(":pending", Items.s(AuditOutcome.PENDING.name()));
        values.put(":outcome", Items.s(result.outcome().name()));
        values.put(":completedAt", Items.s(AuditTimestamps.format(completedAt)));
        StringBuilder update = new StringBuilder("SET #outcome = :outcome, #completedAt = :completedAt");
        setIfPresent(update, names, values, AuditItems.NEW_STATE, result.newState());
        setIfPresent(update, names, values, AuditItems.AWS_REQUEST_ID, result.awsRequestId());
        setIfPresent(update, names, values, AuditItems.ERROR_CODE, result.errorCode());
        setIfPresent(update, names, values, AuditItems.ERROR_MESSAGE, result.errorMessage());
        setIfPresent(update, names, values, AuditItems.INFERENCE, result.inference());
        try {
            var response = table.call("complete", client -> client.updateItem(r -> r.tableName(tableName)
                    .key(AuditItems.key(key))
                    .updateExpression(update.toString())
                    .conditionExpression("attribute_exists(#uid) AND #outcome = :pending")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)));
            writes.incrementAndGet();
            return AuditItems.fromItem(response.attributes());
        } catch (ConditionalCheckFailedException e) {
            AuditRecord existing = read(key);
            if (existing == null) {
                throw new AuditRecordNotFoundException("There is no audit record " + key.userId() + " / " + key.timestamp() + ".");
            }
            if (completedAt.equals(existing.completedAt()) && existing.outcome() == result.outcome()) {
                writes.incrementAndGet();
                return existing; // our own update, retried by the SDK after a lost response
            }
            throw new AuditAlreadyCompletedException("The audit record " + key.userId() + " / " + key.timestamp()
                    + " was already completed as " + existing.outcome() + ".");
        }
    }

    /**
     * Makes sure the record of a request whose caller was told "nothing was done" says so: stores
     * it as not performed unless it is there already, and settles it as not performed if a late
     * retry of its PENDING write landed. Either way a PENDING write arriving even later fails its
     * {@code attribute_not_exists} condition.
     *
     * @throws AuditUnavailableException when DynamoDB still cannot be reached (try again later)
     */
    public void settleNotPerformed(AuditRecord attempted, String why) {
        AuditResult notPerformed = AuditResult.notPerformed(why);
        AuditRecord tombstone = attempted.settled(notPerformed, clock.instant());
        if (table.putIf(AuditItems.toItem(tombstone), NEW_KEY)) {
            writes.incrementAndGet();
            return;
        }
        // the late write landed first, or the key belongs to another process's record
        AuditRecord existing = read(attempted.key());
        if (existing != null && attempted.eventId().equals(existing.eventId()) && !existing.outcome().isFinal()) {
            try {
                complete(attempted.key(), notPerformed);
            } catch (AuditAlreadyCompletedException settledMeanwhile) {
                log.debug("record {} was settled meanwhile", attempted.key());
            }
        }
    }

    /**
     * The records still PENDING whose sort key lies in [from, to): one Query per action on
     * ActionIndex, filtered on the outcome. {@link PendingScan#itemsRead()} counts every item
     * DynamoDB read for it, matching or not — what such a scan costs.
     */
    public PendingScan findPendingBetween(Instant from, Instant to) {
        String fromKey = AuditTimestamps.format(from);
        String toKey = AuditTimestamps.format(to);
        List<AuditRecord> pending = new ArrayList<>();
        long read = 0;
        for (AuditAction action : AuditAction.values()) {
            read += table.query("findPending", pendingQuery(action, fromKey, toKey), page -> {
                page.items().forEach(item -> pending.add(AuditItems.fromItem(item)));
                return true;
            });
        }
        pending.sort(Comparator.comparing(AuditRecord::eventTime));
        return new PendingScan(pending, read);
    }

    /** The records with these keys as they are now (consistent reads), those that exist; at most 100 keys. */
    public List<AuditRecord> readAll(java.util.Collection<AuditKey> keys) {
        return table.getAll(keys.stream().map(AuditItems::key).toList(), MAX_BATCH_ROUNDS).stream()
                .map(AuditItems::fromItem).toList();
    }

    /**
     * PENDING records of a time range and how many items DynamoDB read to find them.
     *
     * @param itemsRead items examined (DynamoDB's ScannedCount), the measure of the read's cost
     */
    public record PendingScan(List<AuditRecord> records, long itemsRead) {
    }

    private static QueryRequest pendingQuery(AuditAction action, String fromKey, String toKey) {
        return QueryRequest.builder()
                .indexName(AuditTableSchema.ACTION_INDEX)
                .keyConditionExpression("#action = :action AND #ts BETWEEN :from AND :to")
                .filterExpression("#outcome = :pending")
                .expressionAttributeNames(Map.of("#action", AuditTableSchema.ACTION, "#ts", AuditTableSchema.TIMESTAMP,
                        "#outcome", AuditItems.OUTCOME))
                .expressionAttributeValues(Map.of(":action", Items.s(action.name()),
                        ":from", Items.s(fromKey), ":to", Items.s(toKey),
                        ":pending", Items.s(AuditOutcome.PENDING.name())))
                .build();
    }

    /**
     * The id of the person with this e-mail address whose deletion is recorded within the
     * retention, newest deletion first: how the audit log still finds a person Cognito has
     * forgotten. One Query on ActionIndex over the deletions only.
     */
    public Optional<String> idOfDeletedPerson(String email) {
        Instant now = clock.instant();
        var deletions = QueryRequest.builder().indexName(AuditTableSchema.ACTION_INDEX).scanIndexForward(false)
                .keyConditionExpression("#action = :action AND #ts >= :from")
                .filterExpression("#details.#email = :email AND #resourceType = :user")
                .expressionAttributeNames(Map.of("#action", AuditTableSchema.ACTION, "#ts",
                        AuditTableSchema.TIMESTAMP, "#details", AuditItems.DETAILS, "#email", "email",
                        "#resourceType", AuditItems.RESOURCE_TYPE))
                .expressionAttributeValues(Map.of(":action", Items.s(AuditAction.DELETE_USER.name()),
                        ":from", Items.s(AuditTimestamps.format(now.minusSeconds(retentionSeconds))),
                        ":email", Items.s(email.strip().toLowerCase(java.util.Locale.ROOT)),
                        ":user", Items.s(ResourceType.USER.name())))
                .build();
        String[] found = new String[1];
        table.query("idOfDeletedPerson", deletions, page -> {
            for (var item : page.items()) {
                String id = AuditItems.fromItem(item).resourceId();
                if (id != null && !id.contains("@")) {
                    found[0] = id;
                    return false;
                }
            }
            return true;
        });
        return Optional.ofNullable(found[0]);
    }

    /**
     * The records one request wrote for one person since {@code since}: one Query of the person's
     * partition from that time on, filtered on the request id.
     */
    public List<AuditRecord> findByRequest(String userId, String requestId, Instant since) {
        List<AuditRecord> found = new ArrayList<>();
        table.query("findByRequest", QueryRequest.builder().consistentRead(true)
                .keyConditionExpression("#uid = :uid AND #ts >= :since")
                .filterExpression("#rid = :rid")
                .expressionAttributeNames(Map.of("#uid", AuditTableSchema.USER_ID, "#ts", AuditTableSchema.TIMESTAMP,
                        "#rid", AuditItems.REQUEST_ID))
                .expressionAttributeValues(Map.of(":uid", Items.s(userId),
                        ":since", Items.s(AuditTimestamps.format(since)), ":rid", Items.s(requestId)))
                .build(), page -> {
                    page.items().forEach(item -> found.add(AuditItems.fromItem(item)));
                    return true;
                });
        return found;
    }

    /**
     * How many records this process has written or completed so far: a reader that keeps what it
     * read can tell from it that this process changed the table since (other processes' changes
     * reach it through the table's stream).
     */
    public long writeCount() {
        return writes.get();
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

    /** The record with this key, or null. */
    AuditRecord read(AuditKey key) {
        return table.get(AuditItems.key(key)).map(AuditItems::fromItem).orElse(null);
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
            boolean written = table.putIf(AuditItems.toItem(record), NEW_KEY, unreachable -> {
                log.warn("audit write on table {} failed: {}", tableName, unreachable.getMessage());
                return new AuditUnavailableException(NOTHING_DONE, unreachable, record);
            });
            if (written) {
                writes.incrementAndGet();
                return record;
            }
            AuditRecord existing = read(record.key());
            if (existing != null && eventId.equals(existing.eventId())) {
                return existing; // our own write, retried by the SDK after a lost response
            }
            log.debug("audit sort key {} of {} is taken by another process; taking a later one", timestamp,
                    intent.actor().userId());
            timestamps.skipPast(latestKeyWithin(intent.actor().userId(), timestamp));
        }
        throw new AuditUnavailableException("The audit record could not be written: no free sort key after "
                + MAX_WRITE_ATTEMPTS + " attempts.");
    }

    /**
     * The latest sort key of a person's records in the millisecond of {@code taken}: another process
     * writes its keys of that millisecond in a row, and the next free one lies past all of them.
     */
    private String latestKeyWithin(String userId, String taken) {
        String endOfMilli = AuditTimestamps.format(AuditTimestamps.parse(taken).truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                .plusNanos(999_999));
        var page = table.call("write", client -> client.query(r -> r.tableName(tableName).consistentRead(true)
                .scanIndexForward(false).limit(1)
                .keyConditionExpression("#uid = :uid AND #ts BETWEEN :taken AND :end")
                .expressionAttributeNames(KEY_NAMES)
                .expressionAttributeValues(Map.of(":uid", Items.s(userId), ":taken", Items.s(taken), ":end", Items.s(endOfMilli)))
                .projectionExpression("#ts")));
        return page.items().isEmpty() ? taken : page.items().get(0).get(AuditTableSchema.TIMESTAMP).s();
    }

    private AuditRecord newRecord(AuditIntent intent, AuditResult result, String eventId, String timestamp) {
        AuditKey key = new AuditKey(intent.actor().userId(), timestamp);
        AuditRecord pending = AuditRecord.pending(key, eventId, intent, AuditTimestamps.parse(timestamp).getEpochSecond()
                + retentionSeconds);
        // a record written with its final result in one go was completed when it happened
        return result == null ? pending : pending.settled(result, pending.eventTime());
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
            values.put(":" + attribute, Items.s(value));
            update.append(", #").append(attribute).append(" = :").append(attribute);
        }
    }

    private AuditUnavailableException unavailable(String operation, SdkException e) {
        log.warn("audit {} on table {} failed: {}", operation, tableName, e.getMessage());
        return new AuditUnavailableException(NOTHING_DONE, e);
    }

    private static final String NOTHING_DONE = "The audit trail is unavailable; nothing was done. Try again later.";
}
