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

    private void fetch() {
        QueryResponse response = dynamoDb.query(plan.request(tableName, partition, startKey, fetchSize, nowEpochSeconds));
        buffer.addAll(response.items());
        startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey() : null;
        finished = startKey == null;
    }
}
