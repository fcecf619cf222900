package com.ec2manager.infra;

import static com.ec2manager.infra.SynthesizedDeployment.properties;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit archive: a bucket nothing can empty before its retention ends, a signing key, and narrow grants. */
class AuditArchiveTest {

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
    void theBucketIsVersionedWithObjectLockInComplianceModeFor400DaysAndRetained() {
        var bucket = properties(templates.data(), "AWS::S3::Bucket");
        var resource = templates.data().findResources("AWS::S3::Bucket").values().iterator().next();

        assertThat(bucket.get("VersioningConfiguration")).isEqualTo(Map.of("Status", "Enabled"));
        assertThat(bucket.get("ObjectLockEnabled")).isEqualTo(true);
        assertThat(bucket.get("ObjectLockConfiguration")).isEqualTo(Map.of("ObjectLockEnabled", "Enabled",
                "Rule", Map.of("DefaultRetention", Map.of("Mode", "COMPLIANCE", "Days", 400))));
        assertThat(((Map<?, ?>) bucket.get("PublicAccessBlockConfiguration")).values()).allMatch(Boolean.TRUE::equals);
        assertThat(((Map<?, ?>) resource).get("DeletionPolicy")).isEqualTo("Retain");
    }

    @Test
    void theDigestKeyIsAnAsymmetricSigningKeyKeptOnDelete() {
        var key = properties(templates.data(), "AWS::KMS::Key");

        assertThat(key.get("KeySpec")).isEqualTo("ECC_NIST_P256");
        assertThat(key.get("KeyUsage")).isEqualTo("SIGN_VERIFY");
    }

    @Test
    void theApplicationWritesOnlyArchiveFilesAndDigestsAndNeverDeletesFromTheArchive() {
        var write = taskRole.withSid("ArchiveWrite");

        assertThat(write.actions()).containsExactly("s3:PutObject");
        assertThat(write.resources()).hasSize(4);
        assertThat(write.resources().toString()).contains("/records/*", "/digests/*", "/alarms/*",
                "/notifications/dead-letters/*");
        for (var template : templates.both()) {
            assertThat(IamStatements.of(template).actions()).as("no one deletes archive objects")
                    .noneMatch(action -> action.startsWith("s3:Delete") || action.equals("s3:*")
                            || action.startsWith("s3:PutObjectRetention") || action.startsWith("s3:BypassGovernance"));
        }
    }

    @Test
    void onlyTheDigestKeySignsAndTheApplicationPointsAtTheBucketAndKey() {
        var signing = taskRole.withSid("DigestSigning");
        var container = (Map<?, ?>) ((List<?>) properties(templates.service(), "AWS::ECS::TaskDefinition")
                .get("ContainerDefinitions")).get(0);
        List<String> names = ((List<?>) container.get("Environment")).stream()
                .map(e -> String.valueOf(((Map<?, ?>) e).get("Name"))).toList();

        assertThat(signing.actions()).containsExactlyInAnyOrder("kms:Sign", "kms:GetPublicKey");
        assertThat(signing.resources()).hasSize(1);
        assertThat(names).contains("EC2MANAGER_ARCHIVE_BUCKET", "EC2MANAGER_INTEGRITY_KMS_KEY_ID",
                "EC2MANAGER_STREAM_APPLICATION_NAME");
    }
}
