package com.ec2manager.infra;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The identity the application's containers act as, holding exactly what the application calls and
 * nothing more: no scans anywhere, no deletes except of idempotency keys (the audit trail is
 * append-and-settle only), no wildcard resource on anything that changes state.
 */
public final class TaskRole extends Construct {

    /** Read-only EC2 calls; EC2 cannot scope Describe* to resources, so these alone take "*". */
    static final List<String> EC2_READ_ACTIONS = List.of("ec2:Describe*");

    /** The instance page's charts; CloudWatch cannot scope GetMetricData to resources either. */
    static final List<String> METRICS_READ_ACTIONS = List.of("cloudwatch:GetMetricData");

    static final List<String> EC2_STATE_ACTIONS = List.of(
            "ec2:StartInstances", "ec2:StopInstances", "ec2:RebootInstances", "ec2:TerminateInstances");

    /**
     * On the audit table itself: write the PENDING record, settle it with a conditional update, read one
     * record back after a conditional failure (was it our own retried write?), re-read the reconciler's
     * records in flight (BatchGetItem), page through a user's records, and at start-up check the table, its
     * TTL and its tags against the seed.
     */
    static final List<String> AUDIT_TABLE_ACTIONS = List.of(
            "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
            "dynamodb:DescribeTable", "dynamodb:DescribeTimeToLive", "dynamodb:ListTagsOfResource");

    /** On the audit table's two indexes: searching by action and by resource. */
    static final List<String> AUDIT_INDEX_ACTIONS = List.of("dynamodb:Query");

    /**
     * Token revocations: record a sign-out (PutItem), check a token against it (one BatchGetItem for the
     * person and the session). No GetItem: the application never reads a single revocation.
     */
    static final List<String> REVOCATION_ACTIONS = List.of("dynamodb:PutItem", "dynamodb:BatchGetItem");

    /**
     * Idempotency keys: claim with a conditional PutItem, read the holder, store the answer, and release a
     * key whose request did nothing. The only table from which the application deletes.
     */
    static final List<String> IDEMPOTENCY_ACTIONS = List.of(
            "dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem");

    /**
     * The reconciler's checkpoint: read it (a consistent GetItem) and save it with a conditional PutItem on its
     * version. Nothing is deleted; the item expires.
     */
    static final List<String> RECONCILER_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:PutItem");

    /**
     * Approvals: read the policies and a request (consistent GetItem), write either with a conditional
     * PutItem on its version, and list the requests (Scan; the table holds only approvals). Nothing is deleted.
     */
    static final List<String> APPROVALS_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan");

    /** Schedules: read and write their items (conditionally on a version) and claim transitions (a conditional PutItem). */
    static final List<String> SCHEDULES_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:PutItem");

    /**
     * The administration calls the application makes on this pool. Everything a person does for themselves
     * (InitiateAuth, GlobalSignOut, ChangePassword, the TOTP calls…) is authorized by their own token and
     * needs no IAM permission.
     */
    static final List<String> USER_ADMIN_ACTIONS = List.of(
            "cognito-idp:AdminAddUserToGroup", "cognito-idp:AdminCreateUser", "cognito-idp:AdminDeleteUser",
            "cognito-idp:AdminDisableUser", "cognito-idp:AdminEnableUser", "cognito-idp:AdminGetUser",
            "cognito-idp:AdminListGroupsForUser", "cognito-idp:AdminResetUserPassword", "cognito-idp:ListUsers");

    /**
     * Into the member accounts: the role of {@link MemberAccountStack} in any account, with the operator
     * as the session's source identity.
     */
    static final List<String> MEMBER_ROLE_ACTIONS = List.of("sts:AssumeRole", "sts:SetSourceIdentity");

    /** Reading the audit table's stream: its shards, iterators and records (KCL and the live feed). */
    static final List<String> STREAM_READ_ACTIONS = List.of(
            "dynamodb:DescribeStream", "dynamodb:GetShardIterator", "dynamodb:GetRecords");

    /** Finding the audit table's stream; ListStreams takes no resource, and only reads. */
    static final List<String> STREAM_LIST_ACTIONS = List.of("dynamodb:ListStreams");

    /**
     * KCL's own tables (leases and checkpoints, coordinator state, worker metrics): it lists its
     * leases with a Scan and deletes the leases of finished shards; no table is created or altered
     * (the stack makes them).
     */
    static final List<String> STREAM_LEASE_ACTIONS = List.of(
            "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
            "dynamodb:DeleteItem", "dynamodb:Scan", "dynamodb:Query");

    /**
     * Writing archive files, digests, tamper alarms with their acknowledgements and undeliverable
     * notifications; never deleting anything (Object Lock would refuse anyway).
     */
    static final List<String> ARCHIVE_WRITE_ACTIONS = List.of("s3:PutObject");

    /** Reading the archive back (audit log past 31 days, the verifier, the digest chain). */
    static final List<String> ARCHIVE_READ_ACTIONS = List.of("s3:GetObject", "s3:ListBucket");

    /** Publishing audit records to the notifications' topic. */
    static final List<String> NOTIFICATION_ACTIONS = List.of("sns:Publish");

    /** Signing digests; the public key checks them. */
    static final List<String> DIGEST_KEY_ACTIONS = List.of("kms:Sign", "kms:GetPublicKey");

    /** The application's DynamoDB tables. */
    public record Tables(ITable audit, ITable revocations, ITable idempotency, ITable reconciler, ITable approvals,
                         ITable schedules) {
    }

    /** What the audit stream's consumer uses: the archive bucket, the digest key and KCL's tables. */
    public record StreamResources(IBucket archive, IKey digestKey, List<ITable> leaseTables, String leaseIndex,
                                  software.amazon.awscdk.services.sns.ITopic notifications) {
    }

    private final Role role;

    public TaskRole(Construct scope, String id, Tables tables, StreamResources stream, IUserPool userPool,
                    ManagedTag managedTag) {
        super(scope, id);
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .description("EC2 Manager application: operate instances, write the audit trail, administer users")
                .build();

        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("DescribeFleet")
                .actions(EC2_READ_ACTIONS)
                .resources(List.of("*"))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("ReadInstanceMetrics")
                .actions(METRICS_READ_ACTIONS)
                .resources(List.of("*"))
                .build());

        var changeState = PolicyStatement.Builder.create()
                .sid("ChangeInstanceState")
                .actions(EC2_STATE_ACTIONS)
                .resources(List.of(Stack.of(this).formatArn(ArnComponents.builder()
                        .service("ec2")
                        .region("*")
                        .resource("instance")
                        .resourceName("*")
                        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                        .build())));
        if (managedTag != null) {
            changeState.conditions(managedTag.value() == null
                    // the tag must exist, whatever its value
                    ? Map.of("Null", Map.of(managedTag.conditionKey(), "false"))
                    : Map.of("StringEquals", Map.of(managedTag.conditionKey(), managedTag.value())));
        }
        role.addToPolicy(changeState.build());

        allow("AssumeMemberRoles", MEMBER_ROLE_ACTIONS,
                List.of("arn:" + Stack.of(this).getPartition() + ":iam::*:role/" + MemberAccountStack.ROLE_NAME));

        var auditTableArn = tables.audit().getTableArn();
        allow("AuditTrail", AUDIT_TABLE_ACTIONS, List.of(auditTableArn));
        // the indexes by name: a GSI added later gets no access until it is listed here
        allow("AuditSearch", AUDIT_INDEX_ACTIONS, List.of(
                auditTableArn + "/index/" + AuditTable.ACTION_INDEX,
                auditTableArn + "/index/" + AuditTable.RESOURCE_INDEX));
        allow("TokenRevocations", REVOCATION_ACTIONS, List.of(tables.revocations().getTableArn()));
        allow("IdempotencyKeys", IDEMPOTENCY_ACTIONS, List.of(tables.idempotency().getTableArn()));
        allow("ReconcilerCheckpoint", RECONCILER_ACTIONS, List.of(tables.reconciler().getTableArn()));
        allow("Approvals", APPROVALS_ACTIONS, List.of(tables.approvals().getTableArn()));
        allow("Schedules", SCHEDULES_ACTIONS, List.of(tables.schedules().getTableArn()));

        allow("AuditStreamRead", STREAM_READ_ACTIONS, List.of(tables.audit().getTableStreamArn()));
        allow("AuditStreamList", STREAM_LIST_ACTIONS, List.of("*"));
        var leaseResources = new java.util.ArrayList<String>();
        for (ITable table : stream.leaseTables()) {
            leaseResources.add(table.getTableArn());
        }
        leaseResources.add(stream.leaseTables().get(0).getTableArn() + "/index/" + stream.leaseIndex());
        allow("AuditStreamLeases", STREAM_LEASE_ACTIONS, leaseResources);
        allow("ArchiveWrite", ARCHIVE_WRITE_ACTIONS, List.of(stream.archive().arnForObjects("records/*"),
                stream.archive().arnForObjects("digests/*"), stream.archive().arnForObjects("alarms/*"),
                stream.archive().arnForObjects("notifications/dead-letters/*")));
        allow("ArchiveRead", ARCHIVE_READ_ACTIONS, List.of(stream.archive().getBucketArn(),
                stream.archive().arnForObjects("*")));
        allow("DigestSigning", DIGEST_KEY_ACTIONS, List.of(stream.digestKey().getKeyArn()));
        allow("Notifications", NOTIFICATION_ACTIONS, List.of(stream.notifications().getTopicArn()));

        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("UserAdministration")
                .actions(USER_ADMIN_ACTIONS)
                .resources(List.of(userPool.getUserPoolArn()))
                .build());
    }

    private void allow(String sid, List<String> actions, List<String> resources) {
        role.addToPolicy(PolicyStatement.Builder.create().sid(sid).actions(actions).resources(resources).build());
    }

    public IRole role() {
        return role;
    }
}
