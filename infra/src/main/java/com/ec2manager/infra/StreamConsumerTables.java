package com.ec2manager.infra;

import java.util.List;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * The tables of the Kinesis Client Library that consumes the audit table's stream, made here with
 * the schemas KCL 3 would give them, so that the application needs no right to create or alter
 * tables: the leases and checkpoints (with the index KCL 3 looks leases up by owner with), the
 * coordinator's state (leader lock, migration state) and the workers' metrics.
 */
public final class StreamConsumerTables extends Construct {

    /** {@code ec2manager.stream.application-name}: KCL names its tables after it. */
    public static final String APPLICATION_NAME = "ec2-manager-audit-stream";
    public static final String LEASE_OWNER_INDEX = "LeaseOwnerToLeaseKeyIndex";

    private final Table leases;
    private final Table coordinatorState;
    private final Table workerMetrics;

    public StreamConsumerTables(Construct scope, String id) {
        super(scope, id);
        leases = table("Leases", APPLICATION_NAME, "leaseKey");
        leases.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(LEASE_OWNER_INDEX)
                .partitionKey(string("leaseOwner"))
                .sortKey(string("leaseKey"))
                .projectionType(ProjectionType.KEYS_ONLY)
                .build());
        coordinatorState = table("CoordinatorState", APPLICATION_NAME + "-CoordinatorState", "key");
        workerMetrics = table("WorkerMetrics", APPLICATION_NAME + "-WorkerMetricStats", "wid");
    }

    private Table table(String id, String name, String key) {
        return Table.Builder.create(this, id)
                .tableName(name)
                .partitionKey(string(key))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                // checkpoints only: a lost table means the archive restarts from the stream's oldest record
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    public List<Table> all() {
        return List.of(leases, coordinatorState, workerMetrics);
    }

    public Table leases() {
        return leases;
    }
}
