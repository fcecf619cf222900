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
            for (var action : IamStatements.of(template).actions()) {
                if (action.contains("*")) {
                    assertThat(IamStatements.isReadOnly(action)).as(action).isTrue();
                }
            }
        }
    }

    @Test
    void theAuditTrailCanNeitherBeDeletedFromNorScannedByAnyone() {
        for (var template : templates.both()) {
            var json = template.toJSON().toString();
            assertThat(json).doesNotContain("dynamodb:DeleteItem", "dynamodb:Scan", "dynamodb:BatchWriteItem",
                    "dynamodb:*", "dynamodb:Delete");
        }
    }

    @Test
    void theTaskRoleHoldsExactlyWhatTheApplicationCalls() {
        var expected = new ArrayList<String>();
        expected.addAll(TaskRole.EC2_READ_ACTIONS);
        expected.addAll(TaskRole.EC2_STATE_ACTIONS);
        expected.addAll(TaskRole.AUDIT_ACTIONS);
        expected.addAll(TaskRole.USER_ADMIN_ACTIONS);

        assertThat(taskRole.actions()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(taskRole.all()).allSatisfy(statement -> assertThat(statement.effect()).isEqualTo("Allow"));
        assertThat(TaskRole.AUDIT_ACTIONS).containsExactlyInAnyOrder("dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:Query", "dynamodb:DescribeTable", "dynamodb:DescribeTimeToLive");
        assertThat(TaskRole.EC2_STATE_ACTIONS).containsExactlyInAnyOrder("ec2:StartInstances", "ec2:StopInstances",
                "ec2:RebootInstances", "ec2:TerminateInstances");
    }

    @Test
    void onlyDescribingTheFleetTakesEveryResource() {
        var describe = taskRole.withSid("DescribeFleet");

        assertThat(describe.actions()).containsExactly("ec2:Describe*");
        assertThat(describe.resources()).containsExactly("*");
        assertThat(taskRole.all().stream().filter(IamStatements.Statement::onEveryResource))
                .containsExactly(describe);
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
    void theAuditStatementNamesTheTableAndItsTwoIndexesOnly() {
        var audit = taskRole.withSid("AuditTrail");
        var tableArn = Map.of("Fn::GetAtt",
                List.of(logicalId(templates.data(), "AWS::DynamoDB::Table"), "Arn"));

        assertThat(audit.resources()).hasSize(3);
        assertThat(templates.importedValue(audit.resources().get(0))).isEqualTo(tableArn);
        var indexes = audit.resources().subList(1, 3).stream()
                .map(index -> (List<?>) ((List<?>) ((Map<?, ?>) index).get("Fn::Join")).get(1))
                .toList();
        assertThat(indexes).allSatisfy(parts -> assertThat(templates.importedValue(parts.get(0))).isEqualTo(tableArn));
        assertThat(indexes.stream().map(parts -> (Object) parts.get(1)))
                .containsExactlyInAnyOrder("/index/ActionIndex", "/index/ResourceIndex");
    }

    @Test
    void userAdministrationIsLimitedToThisPool() {
        var admin = taskRole.withSid("UserAdministration");

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

    /** The task role alone in a stack of its own: a fraction of a full synthesis. */
    private static IamStatements.Statement changeStateStatementWith(ManagedTag tag) {
        var app = new App();
        var stack = new Stack(app, "Permissions");
        var table = Table.fromTableArn(stack, "Table",
                "arn:aws:dynamodb:eu-west-1:123456789012:table/ec2-audit-logs");
        var pool = UserPool.fromUserPoolArn(stack, "Pool",
                "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Example");
        new TaskRole(stack, "TaskRole", table, pool, tag);
        var template = Template.fromStack(stack);
        return IamStatements.ofRole(template, logicalId(template, "AWS::IAM::Role"))
                .withSid("ChangeInstanceState");
    }
}
