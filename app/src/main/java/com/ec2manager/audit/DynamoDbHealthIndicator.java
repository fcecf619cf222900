package com.ec2manager.audit;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Health of DynamoDB as the application uses it: the audit table can be described and is ACTIVE. */
@Component
class DynamoDbHealthIndicator extends AbstractHealthIndicator {

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    DynamoDbHealthIndicator(DynamoDbClient dynamoDb, AuditProperties properties) {
        super("DynamoDB health check failed");
        this.dynamoDb = dynamoDb;
        this.tableName = properties.tableName();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        var table = dynamoDb.describeTable(r -> r.tableName(tableName)).table();
        builder.withDetail("table", tableName).withDetail("status", table.tableStatusAsString());
        if (table.tableStatus() == TableStatus.ACTIVE || table.tableStatus() == TableStatus.UPDATING) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
