package com.ec2manager.infra;

import static com.ec2manager.infra.SynthesizedDeployment.logicalId;
import static com.ec2manager.infra.SynthesizedDeployment.properties;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableAttributes;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.Bucket;

/** What the deployment may do: exactly what the application calls, on its own resources. */
class LeastPrivilegeTest {

    private static SynthesizedDeployment.Templates templates;
    private static IamStatements taskRole;

    @BeforeAll
    static void synthesize() {
        templates = SynthesizedDeployment.standard();
        var taskDefinition = properties(templates.service(), "AWS::ECS::TaskDefinition");
        var roleLogicalId = ((List<?>) ((Map<?, ?>) taskDefinition.get("TaskRoleArn")).get("Fn::GetAtt")).get(0);
        taskRole = IamStatements.ofRole(templates.service(), (String) roleLogicalId);
    }

    @Test
    void noStatementAnywhereAllowsAChangeOnEveryResource() {
        for (var template : templates.both()) {
            assertThat(IamStatements.of(template).all()).as("the template's IAM statements").isNotEmpty();
            for (var statement : IamStatements.of(template).all()) {
                if (!statement.onlyReads()) {
                    assertThat(statement.onEveryResource()).as("writing statement on *: %s", statement).isFalse();
                }
            }
        }
    }

    @Test
    void wildcardActionsAreReadOnly() {
        for (var template : templates.both()) {
            assertThat(IamStatements.of(template).actions()).as("the template's IAM actions").isNotEmpty();
            for (var action : IamStatements.of(template).actions()) {
                if (action.contains("*")) {
                    assertThat(IamStatements.isReadOnly(action)).as(action).isTrue();
                }
            }
        }
    }

    @Test
    void noOneScansBatchWritesOrDeletesTables() {
        for (var template : templates.both()) {
            var json = template.toJSON().toString();
            assertThat(json).doesNotContain("dynamodb:BatchWriteItem", "dynamodb:*",
                    "dynamodb:DeleteTable", "dynamodb:DeleteBackup", "dynamodb:UpdateTable", "dynamodb:CreateTable");
            // KCL lists its leases with a Scan of its own tables, and the approval queue is a Scan of the small
            // approvals table; nothing else is ever scanned (above all not the audit table)
            assertThat(IamStatements.of(template).all()).filteredOn(st -> st.actions().contains("dynamodb:Scan"))
                    .extracting(IamStatements.Statement::sid).allMatch(sid -> sid.equals("AuditStreamLeases")
                            || sid.equals("Approvals"));
            assertThat(IamStatements.of(template).actions()).filteredOn(action -> action.startsWith("dynamodb:Delete"))
                    .allMatch("dynamodb:DeleteItem"::equals);
        }
    }

    @Test
    void itemsAreDeletedFromTheIdempotencyTableAndKclsLeaseTablesOnly() {
        var idempotencyTableArn = tableArn(ExpiringTable.IDEMPOTENCY_TABLE_NAME);
        var deleting = new ArrayList<IamStatements.Statement>();
        for (var template : templates.both()) {
            IamStatements.of(template).all().stream()
                    .filter(statement -> statement.actions().contains("dynamodb:DeleteItem"))
                    .forEach(deleting::add);
        }

        assertThat(deleting).as("statements allowing dynamodb:DeleteItem").extracting(IamStatements.Statement::sid)
                .containsExactlyInAnyOrder("IdempotencyKeys", "AuditStreamLeases");
        var idempotency = taskRole.withSid("IdempotencyKeys");
        assertThat(idempotency.resources()).hasSize(1);
        assertThat(templates.importedValue(idempotency.resources().get(0))).isEqualTo(idempotencyTableArn);
        var leases = taskRole.withSid("AuditStreamLeases");
        assertThat(leases.resources().stream()
                .filter(resource -> resource instanceof Map<?, ?> map && map.containsKey("Fn::ImportValue"))
                .map(templates::importedValue).toList())
                .containsExactlyInAnyOrder(tableArn(StreamConsumerTables.APPLICATION_NAME),
                        tableArn(StreamConsumerTables.APPLICATION_NAME + "-CoordinatorState"),
                        tableArn(StreamConsumerTables.APPLICATION_NAME + "-WorkerMetricStats"));
    }

    @Test
    void theTaskRoleHoldsExactlyWhatTheApplicationCalls() {
        var expected = new ArrayList<String>();
        expected.addAll(TaskRole.EC2_READ_ACTIONS);
        expected.addAll(TaskRole.EC2_STATE_ACTIONS);
        expected.addAll(TaskRole.AUDIT_TABLE_ACTIONS);
        expected.addAll(TaskRole.AUDIT_INDEX_ACTIONS);
        expected.addAll(TaskRole.REVOCATION_ACTIONS);
        expected.addAll(TaskRole.IDEMPOTENCY_ACTIONS);
        expected.addAll(TaskRole.RECONCILER_ACTIONS);
        expected.addAll(TaskRole.APPROVALS_ACTIONS);
        expected.addAll(TaskRole.SCHEDULES_ACTIONS);
        expected.addAll(TaskRole.USER_ADMIN_ACTIONS);
        expected.addAll(TaskRole.MEMBER_ROLE_ACTIONS);
        expected.addAll(TaskRole.STREAM_READ_ACTIONS);
        expected.addAll(TaskRole.STREAM_LIST_ACTIONS);
        expected.addAll(TaskRole.STREAM_LEASE_ACTIONS);
        expected.addAll(TaskRole.ARCHIVE_WRITE_ACTIONS);
        expected.addAll(TaskRole.ARCHIVE_READ_ACTIONS);
        expected.addAll(TaskRole.DIGEST_KEY_ACTIONS);
        expected.addAll(TaskRole.NOTIFICATION_ACTIONS);
        expected.addAll(TaskRole.METRICS_READ_ACTIONS);

        assertThat(taskRole.actions()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(taskRole.all()).allSatisfy(statement -> assertThat(statement.effect()).isEqualTo("Allow"));
        assertThat(TaskRole.EC2_STATE_ACTIONS).containsExactlyInAnyOrder("ec2:StartInstances", "ec2:StopInstances",
                "ec2:RebootInstances", "ec2:TerminateInstances");
    }

    @Test
    void onlyDescribingTheFleetReadingItsMetricsAndListingStreamsTakeEveryResource() {
        var describe = taskRole.withSid("DescribeFleet");
        var metrics = taskRole.withSid("ReadInstanceMetrics");
        var streams = taskRole.withSid("AuditStreamList");

        assertThat(describe.actions()).containsExactly("ec2:Describe*");
        assertThat(describe.resources()).containsExactly("*");
        assertThat(streams.actions()).containsExactly("dynamodb:ListStreams");
        assertThat(metrics.actions()).containsExactly("cloudwatch:GetMetricData");
        assertThat(taskRole.all().stream().filter(IamStatements.Statement::onEveryResource))
                .containsExactlyInAnyOrder(describe, metrics, streams);
    }

    @Test
    void instanceStateChangesAreLimitedToInstancesOfThisAccount() {
        var changeState = taskRole.withSid("ChangeInstanceState");

        assertThat(changeState.resources()).hasSize(1);
        assertThat(changeState.resources().get(0).toString())
                .contains(":ec2:*:", "AWS::AccountId", ":instance/*");
        assertThat(changeState.condition()).as("no tag condition unless asked for").isNull();
    }

    @Test
    void theTaskRoleMayAssumeOnlyTheMemberRoleAndNameTheOperatorInIt() {
        var assume = taskRole.withSid("AssumeMemberRoles");

        assertThat(assume.actions()).containsExactlyInAnyOrder("sts:AssumeRole", "sts:SetSourceIdentity");
        assertThat(assume.resources()).hasSize(1);
        assertThat(assume.resources().get(0).toString()).contains(":iam::*:role/" + MemberAccountStack.ROLE_NAME);
    }

    @Test
    void theAuditTrailIsWrittenReadAndCheckedOnTheTableButNeverDeletedFromOrScanned() {
        var audit = taskRole.withSid("AuditTrail");

        assertThat(audit.actions()).containsExactlyInAnyOrder("dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:DescribeTable", "dynamodb:DescribeTimeToLive",
                "dynamodb:ListTagsOfResource");
        assertThat(audit.resources()).hasSize(1);
        assertThat(templates.importedValue(audit.resources().get(0))).isEqualTo(tableArn(AuditTable.TABLE_NAME));
    }

    @Test
    void theAuditIndexesAreOnlyQueriedAndNamedOneByOne() {
        var search = taskRole.withSid("AuditSearch");
        var tableArn = tableArn(AuditTable.TABLE_NAME);

        assertThat(search.actions()).containsExactly("dynamodb:Query");
        assertThat(search.resources()).hasSize(2);
        var indexes = search.resources().stream()
                .map(index -> (List<?>) ((List<?>) ((Map<?, ?>) index).get("Fn::Join")).get(1))
                .toList();
        assertThat(indexes).allSatisfy(parts -> assertThat(templates.importedValue(parts.get(0))).isEqualTo(tableArn));
        assertThat(indexes.stream().map(parts -> (Object) parts.get(1)))
                .containsExactlyInAnyOrder("/index/ActionIndex", "/index/ResourceIndex");
    }

    @Test
    void noStatementOnTheAuditTableDeletesScansOrBatchWrites() {
        // the export names of the table's ARN carry its logical id, also inside the index ARNs' Fn::Join
        var auditTableId = SynthesizedDeployment.tableLogicalId(templates.data(), AuditTable.TABLE_NAME);
        var onAuditTable = taskRole.all().stream()
                .filter(statement -> statement.resources().toString().contains(auditTableId))
                .toList();

        assertThat(onAuditTable).extracting(IamStatements.Statement::sid)
                .containsExactlyInAnyOrder("AuditTrail", "AuditSearch", "AuditStreamRead");
        assertThat(onAuditTable).flatExtracting(IamStatements.Statement::actions)
                .doesNotContain("dynamodb:DeleteItem", "dynamodb:Scan", "dynamodb:BatchWriteItem");
    }

    @Test
    void revocationsArePutAndBatchReadOnTheirTableOnly() {
        var revocations = taskRole.withSid("TokenRevocations");

        assertThat(revocations.actions()).containsExactlyInAnyOrder("dynamodb:PutItem", "dynamodb:BatchGetItem");
        assertThat(revocations.resources()).hasSize(1);
        assertThat(templates.importedValue(revocations.resources().get(0)))
                .isEqualTo(tableArn(ExpiringTable.REVOCATION_TABLE_NAME));
    }

    @Test
    void theReconcilersCheckpointIsReadAndSavedOnItsTableOnly() {
        var reconciler = taskRole.withSid("ReconcilerCheckpoint");

        assertThat(reconciler.actions()).containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:PutItem");
        assertThat(reconciler.resources()).hasSize(1);
        assertThat(templates.importedValue(reconciler.resources().get(0)))
                .isEqualTo(tableArn(ExpiringTable.RECONCILER_TABLE_NAME));
    }

    @Test
    void approvalsAreReadWrittenAndListedOnTheirTableOnlyAndNeverDeleted() {
        var approvals = taskRole.withSid("Approvals");

        assertThat(approvals.actions()).containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan");
        assertThat(approvals.resources()).hasSize(1);
        assertThat(templates.importedValue(approvals.resources().get(0)))
                .isEqualTo(tableArn(ExpiringTable.APPROVALS_TABLE_NAME));
    }

    @Test
    void auditRecordsArePublishedToTheNotificationsTopicOnly() {
        var notifications = taskRole.withSid("Notifications");

        assertThat(notifications.actions()).containsExactly("sns:Publish");
        assertThat(notifications.resources()).singleElement().isEqualTo(Map.of("Ref",
                SynthesizedDeployment.logicalId(templates.service(), "AWS::SNS::Topic")));
    }

    @Test
    void schedulesAreReadAndWrittenOnTheirTableOnly() {
        var schedules = taskRole.withSid("Schedules");

        assertThat(schedules.actions()).containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:PutItem");
        assertThat(schedules.resources()).hasSize(1);
        assertThat(templates.importedValue(schedules.resources().get(0)))
                .isEqualTo(tableArn(ExpiringTable.SCHEDULES_TABLE_NAME));
    }

    @Test
    void idempotencyKeysAreClaimedReadCompletedAndReleasedOnTheirTableOnly() {
        var idempotency = taskRole.withSid("IdempotencyKeys");

        assertThat(idempotency.actions()).containsExactlyInAnyOrder("dynamodb:PutItem", "dynamodb:GetItem",
                "dynamodb:UpdateItem", "dynamodb:DeleteItem");
        assertThat(idempotency.resources()).hasSize(1);
        assertThat(templates.importedValue(idempotency.resources().get(0)))
                .isEqualTo(tableArn(ExpiringTable.IDEMPOTENCY_TABLE_NAME));
    }

    @Test
    void userAdministrationIsLimitedToThisPool() {
        var admin = taskRole.withSid("UserAdministration");

        assertThat(admin.actions()).containsExactlyInAnyOrder("cognito-idp:AdminAddUserToGroup",
                "cognito-idp:AdminCreateUser", "cognito-idp:AdminDeleteUser", "cognito-idp:AdminDisableUser",
                "cognito-idp:AdminEnableUser", "cognito-idp:AdminGetUser", "cognito-idp:AdminListGroupsForUser",
                "cognito-idp:AdminResetUserPassword", "cognito-idp:ListUsers");
        assertThat(admin.resources()).hasSize(1);
        assertThat(templates.importedValue(admin.resources().get(0)))
                .isEqualTo(Map.of("Fn::GetAtt",
                        List.of(logicalId(templates.data(), "AWS::Cognito::UserPool"), "Arn")));
    }

    @Test
    void aManagedTagWithAValueMustMatchThatValue() {
        var changeState = changeStateStatementWith(new ManagedTag("ec2-manager", "managed"));

        assertThat(changeState.condition())
                .isEqualTo(Map.of("StringEquals", Map.of("aws:ResourceTag/ec2-manager", "managed")));
    }

    @Test
    void aManagedTagWithoutAValueMustBePresent() {
        var changeState = changeStateStatementWith(new ManagedTag("Managed", null));

        assertThat(changeState.condition()).isEqualTo(Map.of("Null", Map.of("aws:ResourceTag/Managed", "false")));
    }

    /** What the data stack exports as the ARN of the table with that name. */
    private static Map<String, Object> tableArn(String tableName) {
        return Map.of("Fn::GetAtt",
                List.of(SynthesizedDeployment.tableLogicalId(templates.data(), tableName), "Arn"));
    }

    /** The task role alone in a stack of its own: a fraction of a full synthesis. */
    private static IamStatements.Statement changeStateStatementWith(ManagedTag tag) {
        var app = new App();
        var stack = new Stack(app, "Permissions");
        var tables = new TaskRole.Tables(
                Table.fromTableAttributes(stack, "Audit", TableAttributes.builder()
                        .tableArn("arn:aws:dynamodb:eu-west-1:123456789012:table/ec2-audit-logs")
                        .tableStreamArn("arn:aws:dynamodb:eu-west-1:123456789012:table/ec2-audit-logs/stream/x")
                        .build()),
                Table.fromTableArn(stack, "Revocations",
                        "arn:aws:dynamodb:eu-west-1:123456789012:table/ec2-manager-token-revocations"),
                Table.fromTableArn(stack, "Idempotency",
                        "arn:aws:dynamodb:eu-west-1:123456789012:table/ec2-manager-idempotency"),
                Table.fromTableArn(stack, "Reconciler",
                        "arn:aws:dynamodb:eu-west-1:123456789012:table/ec2-manager-reconciler"),
                Table.fromTableArn(stack, "Approvals",
                        "arn:aws:dynamodb:eu-west-1:123456789012:table/ec2-manager-approvals"),
                Table.fromTableArn(stack, "Schedules",
                        "arn:aws:dynamodb:eu-west-1:123456789012:table/ec2-manager-schedules"));
        var pool = UserPool.fromUserPoolArn(stack, "Pool",
                "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Example");
        var stream = new TaskRole.StreamResources(
                Bucket.fromBucketName(stack, "Archive", "archive"),
                Key.fromKeyArn(stack, "DigestKey", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd"),
                List.of(Table.fromTableArn(stack, "Leases",
                        "arn:aws:dynamodb:eu-west-1:123456789012:table/ec2-manager-audit-stream")),
                StreamConsumerTables.LEASE_OWNER_INDEX,
                software.amazon.awscdk.services.sns.Topic.fromTopicArn(stack, "Notifications",
                        "arn:aws:sns:eu-west-1:123456789012:ec2-manager-audit-notifications"));
        new TaskRole(stack, "TaskRole", tables, stream, pool, tag);
        var template = Template.fromStack(stack);
        return IamStatements.ofRole(template, logicalId(template, "AWS::IAM::Role"))
                .withSid("ChangeInstanceState");
    }
}
