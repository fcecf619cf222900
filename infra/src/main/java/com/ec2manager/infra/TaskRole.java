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
import software.constructs.Construct;

/**
 * The identity the application's containers act as, holding exactly what the application calls and
 * nothing more: no DynamoDB deletes or scans (the audit trail is append-and-settle only), no wildcard
 * resource on anything that changes state.
 */
public final class TaskRole extends Construct {

    /** Read-only EC2 calls; EC2 cannot scope Describe* to resources, so these alone take "*". */
    static final List<String> EC2_READ_ACTIONS = List.of("ec2:Describe*");

    static final List<String> EC2_STATE_ACTIONS = List.of(
            "ec2:StartInstances", "ec2:StopInstances", "ec2:RebootInstances", "ec2:TerminateInstances");

    /** Write the PENDING record, settle it with a conditional update, search by user/action/resource. */
    static final List<String> AUDIT_ACTIONS = List.of(
            "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query",
            "dynamodb:DescribeTable", "dynamodb:DescribeTimeToLive");

    /** User administration on this pool; sign-in itself (InitiateAuth and friends) needs no IAM permission. */
    static final List<String> USER_ADMIN_ACTIONS = List.of(
            "cognito-idp:AdminCreateUser", "cognito-idp:AdminGetUser", "cognito-idp:ListUsers",
            "cognito-idp:AdminDisableUser", "cognito-idp:AdminEnableUser", "cognito-idp:AdminDeleteUser",
            "cognito-idp:AdminResetUserPassword", "cognito-idp:AdminAddUserToGroup",
            "cognito-idp:AdminRemoveUserFromGroup", "cognito-idp:AdminListGroupsForUser",
            "cognito-idp:AdminUpdateUserAttributes", "cognito-idp:DescribeUserPool",
            "cognito-idp:DescribeUserPoolClient");

    private final Role role;

    public TaskRole(Construct scope, String id, ITable auditTable, IUserPool userPool, ManagedTag managedTag) {
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

        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("AuditTrail")
                .actions(AUDIT_ACTIONS)
                // the indexes by name: a GSI added later gets no access until it is listed here
                .resources(List.of(auditTable.getTableArn(),
                        auditTable.getTableArn() + "/index/" + AuditTable.ACTION_INDEX,
                        auditTable.getTableArn() + "/index/" + AuditTable.RESOURCE_INDEX))
                .build());

        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("UserAdministration")
                .actions(USER_ADMIN_ACTIONS)
                .resources(List.of(userPool.getUserPoolArn()))
                .build());
    }

    public IRole role() {
        return role;
    }
}
