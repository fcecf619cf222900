package com.ec2manager.infra;

import static com.ec2manager.infra.SynthesizedDeployment.list;
import static com.ec2manager.infra.SynthesizedDeployment.onlyResource;
import static com.ec2manager.infra.SynthesizedDeployment.properties;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Template;

/** The audit table against {@code database-schema.md}, property by property. */
class AuditTableTest {

    private static final String TABLE = "AWS::DynamoDB::Table";
    private static Template data;

    @BeforeAll
    static void synthesize() {
        data = SynthesizedDeployment.standard().data();
    }

    @Test
    void theTableHasTheSeedsNameKeysAndAttributeTypes() {
        var table = properties(data, TABLE);

        assertThat(table).containsEntry("TableName", "ec2-audit-logs");
        assertThat(table.get("KeySchema")).isEqualTo(List.of(
                Map.of("AttributeName", "userId", "KeyType", "HASH"),
                Map.of("AttributeName", "timestamp", "KeyType", "RANGE")));
        assertThat(list(table.get("AttributeDefinitions"))).containsExactlyInAnyOrder(
                Map.of("AttributeName", "userId", "AttributeType", "S"),
                Map.of("AttributeName", "timestamp", "AttributeType", "S"),
                Map.of("AttributeName", "action", "AttributeType", "S"),
                Map.of("AttributeName", "resourceId", "AttributeType", "S"));
    }

    @Test
    void bothIndexesAreKeyedAsTheSeedSaysAndProjectEverything() {
        var table = properties(data, TABLE);

        assertThat(list(table.get("GlobalSecondaryIndexes"))).containsExactlyInAnyOrder(
                Map.of("IndexName", "ActionIndex",
                        "KeySchema", List.of(
                                Map.of("AttributeName", "action", "KeyType", "HASH"),
                                Map.of("AttributeName", "timestamp", "KeyType", "RANGE")),
                        "Projection", Map.of("ProjectionType", "ALL")),
                Map.of("IndexName", "ResourceIndex",
                        "KeySchema", List.of(
                                Map.of("AttributeName", "resourceId", "KeyType", "HASH"),
                                Map.of("AttributeName", "timestamp", "KeyType", "RANGE")),
                        "Projection", Map.of("ProjectionType", "ALL")));
    }

    @Test
    void billingIsOnDemandWithoutProvisionedThroughput() {
        var table = properties(data, TABLE);

        assertThat(table).containsEntry("BillingMode", "PAY_PER_REQUEST").doesNotContainKey("ProvisionedThroughput");
    }

    @Test
    void theStreamCarriesNewAndOldImages() {
        assertThat(properties(data, TABLE))
                .containsEntry("StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"));
    }

    @Test
    void recordsExpireThroughTheTtlAttribute() {
        assertThat(properties(data, TABLE))
                .containsEntry("TimeToLiveSpecification", Map.of("AttributeName", "ttl", "Enabled", true));
    }

    @Test
    void theTableCarriesTheSeedsTags() {
        assertThat(list(properties(data, TABLE).get("Tags"))).contains(
                Map.of("Key", "Environment", "Value", "Production"),
                Map.of("Key", "Application", "Value", "EC2-Manager"));
    }

    @Test
    void theTableCanBeRecoveredAndIsNeitherDeletableNorDeletedWithTheStack() {
        var resource = onlyResource(data, TABLE);
        @SuppressWarnings("unchecked")
        var table = (Map<String, Object>) resource.get("Properties");

        assertThat(table).containsEntry("PointInTimeRecoverySpecification",
                        Map.of("PointInTimeRecoveryEnabled", true))
                .containsEntry("DeletionProtectionEnabled", true);
        assertThat(resource).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
    }
}
