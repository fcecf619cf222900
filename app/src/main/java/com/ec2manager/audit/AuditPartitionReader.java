package com.ec2manager.audit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads one partition newest first, one DynamoDB page at a time and only when asked: the
 * cheapest way to take exactly what a page of the audit trail needs.
 */
final class AuditPartitionReader {

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final AuditQueryPlan plan;
    private final String partition;
    private final int fetchSize;
    private final long nowEpochSeconds;
    private final Deque<Map<String, AttributeValue>> buffer = new ArrayDeque<>();
    private Map<String, AttributeValue> startKey;
    private boolean finished;

    AuditPartitionReader(DynamoDbClient dynamoDb, String tableName, AuditQueryPlan plan, String partition,
                         AuditKey after, int fetchSize, long nowEpochSeconds) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.plan = plan;
        this.partition = partition;
        this.fetchSize = fetchSize;
        this.nowEpochSeconds = nowEpochSeconds;
        this.startKey = after == null ? null : plan.startKey(partition, after);
    }

    String partition() {
        return partition;
    }

    boolean hasNext() {
        // a filtered page can come back empty with more to read behind it
        while (buffer.isEmpty() && !finished) {
            fetch();
        }
        return !buffer.isEmpty();
    }

    Map<String, AttributeValue> peek() {
        return hasNext() ? buffer.peekFirst() : null;
    }

    Map<String, AttributeValue> next() {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException();
        }
        return buffer.pollFirst();
    }

    /** Past its ttl: DynamoDB deletes such items lazily (up to days later), so they are hidden meanwhile. */
    private boolean expired(Map<String, AttributeValue> item) {
        AttributeValue ttl = item.get(AuditTableSchema.TTL);
        if (ttl == null || ttl.n() == null) {
            return false;
        }
        try {
            return Long.parseLong(ttl.n()) <= nowEpochSeconds;
        } catch (NumberFormatException notWhole) {
            return new java.math.BigDecimal(ttl.n()).compareTo(java.math.BigDecimal.valueOf(nowEpochSeconds)) <= 0;
        }
    }

    private void fetch() {
        QueryResponse response = dynamoDb.query(plan.request(tableName, partition, startKey, fetchSize));
        for (Map<String, AttributeValue> item : response.items()) {
            if (!expired(item)) {
                buffer.add(item);
            }
        }
        startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey() : null;
        finished = startKey == null;
    }
}
