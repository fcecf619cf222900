package com.ec2manager.audit;

import static com.ec2manager.audit.AuditTableSchema.ACTION;
import static com.ec2manager.audit.AuditTableSchema.ACTION_INDEX;
import static com.ec2manager.audit.AuditTableSchema.RESOURCE_ID;
import static com.ec2manager.audit.AuditTableSchema.RESOURCE_INDEX;
import static com.ec2manager.audit.AuditTableSchema.TIMESTAMP;
import static com.ec2manager.audit.AuditTableSchema.USER_ID;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Where and how a validated {@link AuditQuery} reads: the table or an index, the partitions
 * (one, or every action's for a query across all actions), the sort-key range and the filters.
 */
record AuditQueryPlan(String indexName, String hashAttribute, List<String> partitions, String fromKey,
                      String toKey, AuditAction actionFilter, String resourceFilter, Set<AuditOutcome> outcomes) {

    AuditQueryPlan {
        outcomes = outcomes == null ? Set.of() : Set.copyOf(outcomes);
    }

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    static AuditQueryPlan of(AuditQuery query) {
        if (query.limit() < 0 || query.limit() > AuditQuery.MAX_LIMIT) {
            throw new InvalidAuditQueryException("The page size must be between 1 and " + AuditQuery.MAX_LIMIT
                    + ", not " + query.limit() + ".");
        }
        String userId = blankToNull(query.userId());
        String resourceId = blankToNull(query.resourceId());
        check(query.from(), "from");
        check(query.to(), "to");
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw new InvalidAuditQueryException("The time range is empty: 'from' must be before 'to'.");
        }
        String from = query.from() == null ? null : AuditTimestamps.format(query.from());
        String to = query.to() == null ? null : AuditTimestamps.format(query.to());
        Set<AuditOutcome> outcomes = query.outcomes();
        if (userId != null) {
            return new AuditQueryPlan(null, USER_ID, List.of(userId), from, to, query.action(), resourceId, outcomes);
        }
        if (query.action() != null) {
            return new AuditQueryPlan(ACTION_INDEX, ACTION, List.of(query.action().name()), from, to, null, resourceId, outcomes);
        }
        if (resourceId != null) {
            return new AuditQueryPlan(RESOURCE_INDEX, RESOURCE_ID, List.of(resourceId), from, to, null, null, outcomes);
        }
        return allActions(from, to, outcomes);
    }

    /** One partition of ActionIndex per action, merged by time. */
    static AuditQueryPlan allActions(String from, String to, Set<AuditOutcome> outcomes) {
        return new AuditQueryPlan(ACTION_INDEX, ACTION, Arrays.stream(AuditAction.values()).map(Enum::name).toList(),
                from, to, null, null, outcomes);
    }

    /** What the query is, for binding a cursor to it. */
    String description() {
        return String.join("\u0000", "v1", String.valueOf(indexName), String.join("\u0001", partitions),
                String.valueOf(fromKey), String.valueOf(toKey), String.valueOf(actionFilter),
                String.valueOf(resourceFilter), String.valueOf(new TreeSet<>(outcomes)));
    }

    /** Newest first; at most {@code limit} items evaluated. */
    QueryRequest request(String tableName, String partition, Map<String, AttributeValue> startKey, int limit) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#pk", hashAttribute);
        values.put(":pk", AttributeValue.fromS(partition));
        StringBuilder keyCondition = new StringBuilder("#pk = :pk");
        if (fromKey != null || toKey != null) {
            names.put("#ts", TIMESTAMP);
        }
        if (fromKey != null && toKey != null) {
            // 'to' is exclusive; BETWEEN is inclusive: stop one nanosecond (one key) before it
            keyCondition.append(" AND #ts BETWEEN :from AND :to");
            values.put(":from", AttributeValue.fromS(fromKey));
            values.put(":to", AttributeValue.fromS(justBefore(toKey)));
        } else if (fromKey != null) {
            keyCondition.append(" AND #ts >= :from");
            values.put(":from", AttributeValue.fromS(fromKey));
        } else if (toKey != null) {
            keyCondition.append(" AND #ts < :to");
            values.put(":to", AttributeValue.fromS(toKey));
        }
        // expired items (DynamoDB deletes them only eventually) are dropped by the reader, which
        // saves DynamoDB evaluating a filter on every request
        List<String> filters = new ArrayList<>();
        if (actionFilter != null) {
            names.put("#action", ACTION);
            values.put(":action", AttributeValue.fromS(actionFilter.name()));
            filters.add("#action = :action");
        }
        if (resourceFilter != null) {
            names.put("#resource", RESOURCE_ID);
            values.put(":resource", AttributeValue.fromS(resourceFilter));
            filters.add("#resource = :resource");
        }
        if (!outcomes.isEmpty()) {
            // DynamoDB filters, so that a page of FAILED records is not read as every record of the range
            names.put("#outcome", AuditItems.OUTCOME);
            List<String> placeholders = new ArrayList<>();
            for (AuditOutcome outcome : new TreeSet<>(outcomes)) {
                String placeholder = ":outcome" + placeholders.size();
                values.put(placeholder, AttributeValue.fromS(outcome.name()));
                placeholders.add(placeholder);
            }
            filters.add("#outcome IN (" + String.join(", ", placeholders) + ")");
        }
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(tableName)
                .indexName(indexName)
                .keyConditionExpression(keyCondition.toString())
                .filterExpression(filters.isEmpty() ? null : String.join(" AND ", filters))
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .scanIndexForward(false)
                .limit(limit);
        if (startKey != null) {
            request.exclusiveStartKey(startKey);
        }
        return request.build();
    }

    /** The ExclusiveStartKey that resumes after {@code last} in {@code partition}. */
    Map<String, AttributeValue> startKey(String partition, AuditKey last) {
        Map<String, AttributeValue> key = new HashMap<>(AuditItems.key(last));
        key.put(hashAttribute, AttributeValue.fromS(partition));
        return key;
    }

    private static String justBefore(String timestampKey) {
        return AuditTimestamps.format(AuditTimestamps.parse(timestampKey).minusNanos(1));
    }

    private static void check(Instant instant, String name) {
        if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
            throw new InvalidAuditQueryException("'" + name + "' must lie between " + EARLIEST + " and " + LATEST + ".");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
