package com.ec2manager.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Template;

/** The member-account role: least privilege, trusting only the task role, with the external id and source identity. */
class MemberAccountStackTest {

    private static final Template MEMBER = Template.fromStack(new MemberAccountStack(InfraApp.newApp(null, Map.of()),
            InfraApp.MEMBER_STACK));

    @Test
    void theRoleMayOnlyDescribeTheFleetReadItsMetricsAndChangeTheStateOfThisAccountsInstances() {
        var statements = IamStatements.of(MEMBER).all();
        assertThat(statements).extracting(IamStatements.Statement::sid)
                .containsExactly("DescribeFleet", "ReadInstanceMetrics", "ChangeInstanceState");
        var describe = statements.get(0);
        assertThat(describe.actions()).containsExactly("ec2:Describe*");
        assertThat(describe.onlyReads()).isTrue();
        assertThat(statements.get(1).actions()).containsExactly("cloudwatch:GetMetricData");
        var change = statements.get(2);
        assertThat(change.actions()).containsExactlyInAnyOrderElementsOf(TaskRole.EC2_STATE_ACTIONS);
        assertThat(change.onEveryResource()).isFalse();
        assertThat(change.resources().toString()).contains(":instance/*").contains("AWS::AccountId");
    }

    @Test
    void onlyTheTrustedRoleMayAssumeItWithTheExternalIdAndSetTheSourceIdentity() {
        var role = SynthesizedDeployment.properties(MEMBER, "AWS::IAM::Role");
        assertThat(role.get("RoleName")).isEqualTo(MemberAccountStack.ROLE_NAME);
        var trust = (List<?>) ((Map<?, ?>) role.get("AssumeRolePolicyDocument")).get("Statement");
        assertThat(trust).hasSize(2);
        var assume = (Map<?, ?>) trust.get(0);
        assertThat(assume.get("Action")).isEqualTo("sts:AssumeRole");
        assertThat(assume.get("Principal")).isEqualTo(Map.of("AWS", Map.of("Ref", "TrustedRoleArn")));
        assertThat(assume.get("Condition")).isEqualTo(Map.of("StringEquals", Map.of("sts:ExternalId", Map.of("Ref", "ExternalId"))));
        var sourceIdentity = (Map<?, ?>) trust.get(1);
        assertThat(sourceIdentity.get("Action")).isEqualTo("sts:SetSourceIdentity");
        assertThat(sourceIdentity.get("Principal")).isEqualTo(Map.of("AWS", Map.of("Ref", "TrustedRoleArn")));
    }

    @Test
    void theExternalIdParameterIsNeverEchoed() {
        var parameter = (Map<?, ?>) MEMBER.findParameters("ExternalId").get("ExternalId");
        assertThat(parameter.get("NoEcho")).isEqualTo(true);
    }
}
