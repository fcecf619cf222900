package com.ec2manager.infra;

import static com.ec2manager.infra.SynthesizedDeployment.list;
import static com.ec2manager.infra.SynthesizedDeployment.table;
import static com.ec2manager.infra.SynthesizedDeployment.tableProperties;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Template;

/** The token-revocation, idempotency and reconciler tables, as the application creates them itself in local mode. */
class ExpiringTablesTest {

    private static Template data;

    @BeforeAll
    static void synthesize() {
        data = SynthesizedDeployment.standard().data();
    }

    @Test
    void theDataStackHoldsTheAuditTableTheThreeSupportTablesAndTheStreamConsumers() {
        var names = SynthesizedDeployment.resourcesOfType(data, "AWS::DynamoDB::Table").stream()
                .map(table -> (Object) ((Map<?, ?>) table.get("Properties")).get("TableName"))
                .toList();

        assertThat(names).containsExactlyInAnyOrder(
                "ec2-audit-logs", "ec2-manager-token-revocations", "ec2-manager-idempotency", "ec2-manager-reconciler",
                "ec2-manager-approvals", "ec2-manager-schedules",
                StreamConsumerTables.APPLICATION_NAME, StreamConsumerTables.APPLICATION_NAME + "-CoordinatorState",
                StreamConsumerTables.APPLICATION_NAME + "-WorkerMetricStats");
    }

    @Test
    void approvalsAreKeyedByIdAndExpireAtExpiresAt() {
        assertKeyedAndExpiring("ec2-manager-approvals", "id", "expiresAt");
    }

    @Test
    void schedulesAreKeyedByIdAndTheirClaimsExpireAtExpiresAt() {
        assertKeyedAndExpiring("ec2-manager-schedules", "id", "expiresAt");
    }

    @Test
    void theReconcilersCheckpointIsKeyedByIdAndExpiresAtExpiresAt() {
        assertKeyedAndExpiring("ec2-manager-reconciler", "id", "expiresAt");
    }

    @Test
    void revocationsAreKeyedByIdAndExpireAtExpiresAt() {
        assertKeyedAndExpiring("ec2-manager-token-revocations", "id", "expiresAt");
    }

    @Test
    void idempotencyKeysAreKeyedByIdempotencyKeyAndExpireAtTtl() {
        assertKeyedAndExpiring("ec2-manager-idempotency", "idempotencyKey", "ttl");
    }

    @Test
    void allThreeAreTransientWorkingStateDestroyedWithTheStack() {
        for (var name : List.of("ec2-manager-token-revocations", "ec2-manager-idempotency", "ec2-manager-reconciler")) {
            var resource = table(data, name);
            var table = tableProperties(data, name);

            assertThat(resource).as(name).containsEntry("DeletionPolicy", "Delete")
                    .containsEntry("UpdateReplacePolicy", "Delete");
            assertThat(table).as(name).doesNotContainKeys("PointInTimeRecoverySpecification",
                    "DeletionProtectionEnabled", "StreamSpecification", "GlobalSecondaryIndexes");
            assertThat(list(table.get("Tags"))).as(name).contains(Map.of("Key", "Application", "Value", "EC2-Manager"));
        }
    }

    private static void assertKeyedAndExpiring(String name, String partitionKey, String ttlAttribute) {
        var table = tableProperties(data, name);

        assertThat(table.get("KeySchema")).isEqualTo(List.of(Map.of("AttributeName", partitionKey, "KeyType", "HASH")));
        assertThat(table.get("AttributeDefinitions"))
                .isEqualTo(List.of(Map.of("AttributeName", partitionKey, "AttributeType", "S")));
        assertThat(table).containsEntry("BillingMode", "PAY_PER_REQUEST")
                .doesNotContainKey("ProvisionedThroughput")
                .containsEntry("TimeToLiveSpecification", Map.of("AttributeName", ttlAttribute, "Enabled", true));
    }
}
