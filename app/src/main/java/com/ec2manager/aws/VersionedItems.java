package com.ec2manager.aws;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Optimistic writes of one DynamoDB item that carries a version number: the write succeeds only
 * when the stored item is still at the version it was read at (or, for version 0, absent), so that
 * of two writers working from the same read exactly one wins.
 */
public final class VersionedItems {

    private VersionedItems() {
    }

    /**
     * Puts {@code item} if the stored one is at {@code readVersion} (0: none stored yet).
     *
     * @param idAttribute      the item's partition key attribute
     * @param versionAttribute the number attribute holding the version
     * @return false when someone wrote the item meanwhile
     */
    public static boolean put(DynamoDbClient dynamoDb, String table, Map<String, AttributeValue> item,
                              String idAttribute, String versionAttribute, long readVersion) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression(readVersion == 0 ? "attribute_not_exists(#id)" : "#v = :v")
                    .expressionAttributeNames(readVersion == 0 ? Map.of("#id", idAttribute) : Map.of("#v", versionAttribute))
                    .expressionAttributeValues(readVersion == 0 ? null
                            : Map.of(":v", AttributeValue.fromN(Long.toString(readVersion)))));
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
    }
}
