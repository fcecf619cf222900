package com.ec2manager.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * A small support table of the application whose items expire through DynamoDB TTL: keyed by one string,
 * billed per request. The application creates it itself only in local mode; in aws mode it is this.
 *
 * <p>Unlike the audit table it is <em>destroyed</em> with the stack and has neither deletion protection nor
 * point-in-time recovery: it holds only short-lived working state (sign-outs for two days, idempotency keys
 * for a day, the reconciler's checkpoint, which a lost table only restarts from its look-back) that is worthless once the service is gone, and a retained table with the same fixed name would
 * block the next deployment of the data stack.
 */
public final class ExpiringTable extends Construct {

    /** Sign-outs shared by every task ({@code ec2manager.identity.revocation-table}). */
    public static final String REVOCATION_TABLE_NAME = "ec2-manager-token-revocations";
    static final String REVOCATION_KEY = "id";
    static final String REVOCATION_TTL = "expiresAt";

    /** Action requests by Idempotency-Key ({@code ec2manager.console.idempotency-table}). */
    public static final String IDEMPOTENCY_TABLE_NAME = "ec2-manager-idempotency";
    static final String IDEMPOTENCY_KEY = "idempotencyKey";
    static final String IDEMPOTENCY_TTL = "ttl";

    /**
     * The reconciler's checkpoint: how far its passes have read the audit table and which PENDING records are
     * in flight, one item shared by every task ({@code ec2manager.audit.reconciler.checkpoint-table}).
     */
    public static final String RECONCILER_TABLE_NAME = "ec2-manager-reconciler";
    static final String RECONCILER_KEY = "id";
    static final String RECONCILER_TTL = "expiresAt";

    /**
     * Approval policies (one item) and approval requests, each request expiring a retention after its own
     * expiry ({@code ec2manager.approvals.table}).
     */
    public static final String APPROVALS_TABLE_NAME = "ec2-manager-approvals";
    static final String APPROVALS_KEY = "id";
    static final String APPROVALS_TTL = "expiresAt";

    /** Schedules (one item), their overrides (one item) and transition claims ({@code ec2manager.schedules.table}). */
    public static final String SCHEDULES_TABLE_NAME = "ec2-manager-schedules";

    private final Table table;

    private ExpiringTable(Construct scope, String id, String tableName, String partitionKey, String ttlAttribute) {
        super(scope, id);
        table = Table.Builder.create(this, "Table")
                .tableName(tableName)
                .partitionKey(Attribute.builder().name(partitionKey).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(ttlAttribute)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Tags.of(table).add("Application", "EC2-Manager");
    }

    /** Partition key {@code id} ({@code user#<sub>} or {@code origin#<jti>}), expiring at {@code expiresAt}. */
    static ExpiringTable tokenRevocations(Construct scope, String id) {
        return new ExpiringTable(scope, id, REVOCATION_TABLE_NAME, REVOCATION_KEY, REVOCATION_TTL);
    }

    /** Partition key {@code idempotencyKey} (operator and key), expiring at {@code ttl}. */
    static ExpiringTable idempotencyKeys(Construct scope, String id) {
        return new ExpiringTable(scope, id, IDEMPOTENCY_TABLE_NAME, IDEMPOTENCY_KEY, IDEMPOTENCY_TTL);
    }

    /** Partition key {@code id} (the checkpoint's item), expiring at {@code expiresAt} when no pass ran for long. */
    static ExpiringTable reconcilerCheckpoint(Construct scope, String id) {
        return new ExpiringTable(scope, id, RECONCILER_TABLE_NAME, RECONCILER_KEY, RECONCILER_TTL);
    }

    /** Partition key {@code id} (the policies' item, or a request), decided requests expiring at {@code expiresAt}. */
    static ExpiringTable approvals(Construct scope, String id) {
        return new ExpiringTable(scope, id, APPROVALS_TABLE_NAME, APPROVALS_KEY, APPROVALS_TTL);
    }

    /** Partition key {@code id}; transition claims expire at {@code expiresAt}, the schedules' items never. */
    static ExpiringTable schedules(Construct scope, String id) {
        return new ExpiringTable(scope, id, SCHEDULES_TABLE_NAME, APPROVALS_KEY, APPROVALS_TTL);
    }

    public ITable table() {
        return table;
    }
}
