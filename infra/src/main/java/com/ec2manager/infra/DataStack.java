package com.ec2manager.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * What must survive: the audit table and the user directory (beside them the application's three small
 * expiring tables, which need not survive but belong with the data rather than with the tasks). Kept apart from the service so that the
 * service can be replaced or torn down without touching them; termination protection is on.
 */
public final class DataStack extends Stack {

    private final AuditTable auditTable;
    private final ExpiringTable revocationTable;
    private final ExpiringTable idempotencyTable;
    private final ExpiringTable reconcilerTable;
    private final ExpiringTable approvalsTable;
    private final ExpiringTable schedulesTable;
    private final UserDirectory userDirectory;
    private final AuditArchive auditArchive;
    private final StreamConsumerTables streamTables;

    public DataStack(Construct scope, String id) {
        super(scope, id, StackProps.builder()
                .description("EC2 Manager: the audit table, its archive bucket and digest key, and the Cognito "
                        + "user pool (retained on delete), the token-revocation, idempotency, reconciler, approvals, schedules and stream-lease tables")
                .terminationProtection(true)
                .build());
        auditTable = new AuditTable(this, "AuditTable");
        revocationTable = ExpiringTable.tokenRevocations(this, "RevocationTable");
        idempotencyTable = ExpiringTable.idempotencyKeys(this, "IdempotencyTable");
        reconcilerTable = ExpiringTable.reconcilerCheckpoint(this, "ReconcilerTable");
        approvalsTable = ExpiringTable.approvals(this, "ApprovalsTable");
        schedulesTable = ExpiringTable.schedules(this, "SchedulesTable");
        userDirectory = new UserDirectory(this, "Users");
        auditArchive = new AuditArchive(this, "AuditArchive");
        streamTables = new StreamConsumerTables(this, "StreamConsumer");

        output("UserPoolId", userDirectory.userPool().getUserPoolId(), "Cognito user pool id");
        output("UserPoolClientId", userDirectory.serverClient().getUserPoolClientId(), "The server's app client id");
        output("ClientSecretArn", userDirectory.clientSecret().getSecretArn(),
                "Secrets Manager secret holding the app client's secret");
        output("AuditTableName", auditTable.table().getTableName(), "DynamoDB audit table");
        output("AuditArchiveBucket", auditArchive.bucket().getBucketName(), "S3 bucket of the audit archive");
        output("DigestKeyArn", auditArchive.digestKey().getKeyArn(), "KMS key signing the audit digests");
    }

    public AuditTable auditTable() {
        return auditTable;
    }

    public ExpiringTable revocationTable() {
        return revocationTable;
    }

    public ExpiringTable idempotencyTable() {
        return idempotencyTable;
    }

    public ExpiringTable reconcilerTable() {
        return reconcilerTable;
    }

    public ExpiringTable approvalsTable() {
        return approvalsTable;
    }

    public ExpiringTable schedulesTable() {
        return schedulesTable;
    }

    public AuditArchive auditArchive() {
        return auditArchive;
    }

    public StreamConsumerTables streamTables() {
        return streamTables;
    }

    public UserDirectory userDirectory() {
        return userDirectory;
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}
