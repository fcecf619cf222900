package com.ec2manager.integrity;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditTableSchema;
import com.ec2manager.stream.AttributeJson;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The audit table's records of a time range as the verifier compares them with the archive:
 * one Query per action on {@code ActionIndex} (which projects every attribute), as the audit
 * log reads across actions; never a Scan.
 */
final class LiveAuditTable {

    /** Sort keys have nine fraction digits, so range bounds in the same form compare as strings. */
    private static final DateTimeFormatter SORT_KEY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    LiveAuditTable(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** Each record of the range by its item key ({@code userId/timestamp}), in DynamoDB JSON form. */
    Map<String, Map<String, Object>> records(Instant from, Instant to) {
        Map<String, Map<String, Object>> records = new LinkedHashMap<>();
        for (AuditAction action : AuditAction.values()) {
            dynamoDb.queryPaginator(r -> r.tableName(tableName).indexName(AuditTableSchema.ACTION_INDEX)
                            .keyConditionExpression("#a = :a AND #ts BETWEEN :from AND :to")
                            .expressionAttributeNames(Map.of("#a", AuditTableSchema.ACTION, "#ts", "timestamp"))
                            .expressionAttributeValues(Map.of(":a", AttributeValue.fromS(action.name()),
                                    ":from", AttributeValue.fromS(SORT_KEY.format(from)),
                                    ":to", AttributeValue.fromS(SORT_KEY.format(to)))))
                    .items().forEach(item -> records.put(item.get("userId").s() + "/" + item.get("timestamp").s(),
                            AttributeJson.item(item)));
        }
        return records;
    }
}
