package com.ec2manager.infra;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * The stack to deploy in every member account (one by one, or as a StackSet from its synthesized
 * template): the role {@value #ROLE_NAME} that the application assumes there, with exactly what the
 * application calls in a member account — describe the fleet, start, stop, reboot and terminate its
 * instances — trusting only the service's task role, only with the external id, and letting it set
 * the operator as the session's source identity ({@code sts:SetSourceIdentity}), so that CloudTrail
 * in the member account names the person.
 *
 * <p>Parameters: {@code TrustedRoleArn} (the service stack's task role), {@code ExternalId}.
 */
public final class MemberAccountStack extends Stack {

    /** The role's name; {@code ec2manager.accounts[n].role-arn} is {@code arn:aws:iam::<member>:role/EC2ManagerMember}. */
    public static final String ROLE_NAME = "EC2ManagerMember";

    public MemberAccountStack(Construct scope, String id) {
        super(scope, id, StackProps.builder()
                .description("EC2 Manager: the role the application assumes in this member account").build());
        var trustedRoleArn = CfnParameter.Builder.create(this, "TrustedRoleArn")
                .description("ARN of the EC2 Manager service's task role (output of the service stack)")
                .allowedPattern("arn:aws:iam::\\d{12}:role/.+").build();
        var externalId = CfnParameter.Builder.create(this, "ExternalId")
                .description("The external id the application gives (ec2manager.accounts[n].external-id)")
                .noEcho(true).minLength(2).maxLength(1224).allowedPattern("[\\w+=,.@:/-]*").build();

        var trusted = new ArnPrincipal(trustedRoleArn.getValueAsString());
        var role = Role.Builder.create(this, "Role")
                .roleName(ROLE_NAME)
                .description("Assumed by EC2 Manager to read and operate this account's instances")
                .assumedBy(trusted.withConditions(Map.of("StringEquals",
                        Map.of("sts:ExternalId", externalId.getValueAsString()))))
                .inlinePolicies(Map.of("OperateInstances", PolicyDocument.Builder.create().statements(List.of(
                        PolicyStatement.Builder.create().sid("DescribeFleet")
                                .actions(TaskRole.EC2_READ_ACTIONS).resources(List.of("*")).build(),
                        PolicyStatement.Builder.create().sid("ReadInstanceMetrics")
                                .actions(TaskRole.METRICS_READ_ACTIONS).resources(List.of("*")).build(),
                        PolicyStatement.Builder.create().sid("ChangeInstanceState")
                                .actions(TaskRole.EC2_STATE_ACTIONS)
                                .resources(List.of(formatArn(ArnComponents.builder().service("ec2").region("*")
                                        .resource("instance").resourceName("*")
                                        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())))
                                .build())).build()))
                .build();
        // the application names the operator in every session it opens for them
        role.getAssumeRolePolicy().addStatements(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW).principals(List.of(trusted)).actions(List.of("sts:SetSourceIdentity")).build());

        CfnOutput.Builder.create(this, "RoleArn").value(role.getRoleArn())
                .description("ec2manager.accounts[n].role-arn for this account").build();
    }
}
