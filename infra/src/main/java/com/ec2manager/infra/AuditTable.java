package com.ec2manager.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * The audit table exactly as the seed ({@code database-schema.md}) defines it, plus what production
 * needs on top: point-in-time recovery, deletion protection, and the table kept when the stack goes.
 */
public final class AuditTable extends Construct {

    public static final String TABLE_NAME = "ec2-audit-logs";
    public static final String ACTION_INDEX = "ActionIndex";
    public static final String RESOURCE_INDEX = "ResourceIndex";
    /** Epoch seconds after which DynamoDB deletes the record (31 days after the event). */
    public static final String TTL_ATTRIBUTE = "ttl";

    private final Table table;

    public AuditTable(Construct scope, String id) {
        super(scope, id);
        var timestamp = stringAttribute("timestamp");
        table = Table.Builder.create(this, "Table")
                .tableName(TABLE_NAME)
                .partitionKey(stringAttribute("userId"))
                .sortKey(timestamp)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                // NEW_AND_OLD_IMAGES: the coming archiver and tamper alerts must see what a MODIFY/REMOVE changed
                .stream(StreamViewType.NEW_AND_OLD_IMAGES)
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .deletionProtection(true)
                // an audit trail outlives the stack that created it
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(ACTION_INDEX)
                .partitionKey(stringAttribute("action"))
                .sortKey(timestamp)
                .projectionType(ProjectionType.ALL)
                .build());
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(RESOURCE_INDEX)
                .partitionKey(stringAttribute("resourceId"))
                .sortKey(timestamp)
                .projectionType(ProjectionType.ALL)
                .build());
        Tags.of(table).add("Environment", "Production");
        Tags.of(table).add("Application", "EC2-Manager");
    }

    public ITable table() {
        return table;
    }

    private static Attribute stringAttribute(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
