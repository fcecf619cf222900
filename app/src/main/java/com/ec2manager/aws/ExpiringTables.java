package com.ec2manager.aws;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The application's small working tables besides the audit trail (token revocations,
 * idempotency keys): a string partition key, on-demand billing and a TTL attribute. Created here
 * in local mode only; in aws mode the infrastructure makes them.
 */
final class ExpiringTables {

    private static final Logger log = LoggerFactory.getLogger(ExpiringTables.class);

    private ExpiringTables() {
    }

    /** Creates {@code table} with partition key {@code key} and TTL on {@code ttlAttribute}, unless it exists. */
    public static void createIfMissing(DynamoDbClient dynamoDb, String table, String key, String ttlAttribute) {
        try {
            dynamoDb.describeTable(r -> r.overrideConfiguration(ControlPlaneCalls.TIMEOUTS).tableName(table));
            return;
        } catch (ResourceNotFoundException missing) {
            // create it below
        }
        try {
            dynamoDb.createTable(r -> r.overrideConfiguration(ControlPlaneCalls.TIMEOUTS).tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName(key)
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName(key).keyType(KeyType.HASH).build()));
            dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(table));
            dynamoDb.updateTimeToLive(r -> r.overrideConfiguration(ControlPlaneCalls.TIMEOUTS).tableName(table)
                    .timeToLiveSpecification(spec -> spec.attributeName(ttlAttribute).enabled(true)));
            log.info("created the DynamoDB table {}", table);
        } catch (ResourceInUseException createdMeanwhile) {
            // another instance created it at the same moment
            dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(table));
        }
    }
}
