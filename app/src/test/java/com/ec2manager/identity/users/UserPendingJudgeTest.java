package com.ec2manager.identity.users;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditKey;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.instances.InstanceAction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The user judge and the instance judge never claim the same record. */
class UserPendingJudgeTest {

    private static final UserPendingJudge JUDGE = new UserPendingJudge(null, null,
            new com.ec2manager.aws.AwsProperties(com.ec2manager.aws.AwsProperties.Mode.LOCAL, null,
                    new com.ec2manager.aws.AwsProperties.Endpoints(null, null, null, null, null, null, null),
                    com.ec2manager.aws.AwsProperties.Timeouts.defaults()));

    @Test
    void noActionIsJudgedByBothFeatures() {
        for (AuditAction action : AuditAction.values()) {
            boolean instances = InstanceAction.of(action).isPresent();
            boolean users = UserPendingJudge.ACTIONS.contains(action);
            assertThat(instances && users).as(action.name()).isFalse();
        }
        assertThat(UserPendingJudge.ACTIONS).containsExactlyInAnyOrder(AuditAction.CREATE_USER,
                AuditAction.DISABLE_USER, AuditAction.ENABLE_USER, AuditAction.RESET_USER_PASSWORD,
                AuditAction.DELETE_USER);
    }

    @Test
    void onlyUserAdministrationRecordsOfResourceTypeUserAreItsOwn() {
        assertThat(JUDGE.owns(record(AuditAction.DISABLE_USER, ResourceType.USER))).isTrue();
        assertThat(JUDGE.owns(record(AuditAction.DISABLE_USER, ResourceType.EC2_INSTANCE))).isFalse();
        assertThat(JUDGE.owns(record(AuditAction.STOP_INSTANCE, ResourceType.EC2_INSTANCE))).isFalse();
        assertThat(JUDGE.owns(record(AuditAction.SIGN_IN, ResourceType.USER))).isFalse();
        assertThat(JUDGE.owns(record(AuditAction.SIGN_OUT, ResourceType.USER))).isFalse();
    }

    private static AuditRecord record(AuditAction action, ResourceType type) {
        AuditActor admin = new AuditActor("u-1", "u1@example.com", "203.0.113.5", "test");
        return AuditRecord.pending(new AuditKey("u-1", "2025-06-01T10:00:00.000000000Z"), "e-1",
                new AuditIntent(admin, action, type, "r-1", AuditDetails.NONE, "req"), 1_751_446_800L);
    }
}
