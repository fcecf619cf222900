package com.ec2manager.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.BillingModeSummary;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class AuditTableSchemaTest {

    @Test
    void theTableTheSchemaCreatesHasNoDifferences() {
        assertThat(AuditTableSchema.differences(asDescribed(AuditTableSchema.createRequest("t")).build())).isEmpty();
    }

    @Test
    void eachDifferenceIsNamed() {
        TableDescription table = asDescribed(AuditTableSchema.createRequest("t")).build().toBuilder()
                .globalSecondaryIndexes(GlobalSecondaryIndexDescription.builder().indexName("ActionIndex")
                        .keySchema(AuditTableSchema.createRequest("t").globalSecondaryIndexes().get(0).keySchema())
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build())
                .streamSpecification(s -> s.streamEnabled(false))
                .billingModeSummary(BillingModeSummary.builder().billingMode(BillingMode.PROVISIONED).build())
                .build();
        assertThat(AuditTableSchema.differences(table)).containsExactlyInAnyOrder(
                "index ActionIndex projects KEYS_ONLY, expected ALL",
                "global secondary index ResourceIndex is missing",
                "stream is off, expected on with NEW_AND_OLD_IMAGES",
                "billing mode is PROVISIONED, expected PAY_PER_REQUEST");
    }

    @Test
    void anOnDemandTableWithoutBillingSummaryCountsAsPayPerRequest() {
        TableDescription table = asDescribed(AuditTableSchema.createRequest("t")).build().toBuilder()
                .billingModeSummary((BillingModeSummary) null)
                .provisionedThroughput(ProvisionedThroughputDescription.builder().readCapacityUnits(0L)
                        .writeCapacityUnits(0L).build())
                .build();
        assertThat(AuditTableSchema.billingMode(table)).isEqualTo("PAY_PER_REQUEST");
    }

    @Test
    void timeToLiveMustBeOnTheTtlAttribute() {
        assertThat(AuditTableSchema.differences(TimeToLiveDescription.builder()
                .timeToLiveStatus(TimeToLiveStatus.DISABLED).build()))
                .containsExactly("time to live is DISABLED, expected ENABLED on attribute ttl");
        assertThat(AuditTableSchema.differences(TimeToLiveDescription.builder()
                .timeToLiveStatus(TimeToLiveStatus.ENABLED).attributeName("expiresAt").build()))
                .containsExactly("time to live is on attribute expiresAt, expected ttl");
        assertThat(AuditTableSchema.differences(TimeToLiveDescription.builder()
                .timeToLiveStatus(TimeToLiveStatus.ENABLED).attributeName("ttl").build())).isEmpty();
    }

    @Test
    void missingOrDifferentTagsAreNamedAndExtraTagsAllowed() {
        assertThat(AuditTableSchema.differences(List.of(Tag.builder().key("Environment").value("Staging").build(),
                Tag.builder().key("CostCenter").value("42").build())))
                .containsExactly("tag Environment is Staging, expected Production",
                        "tag Application=EC2-Manager is missing");
    }

    private static TableDescription.Builder asDescribed(CreateTableRequest create) {
        return TableDescription.builder()
                .tableName(create.tableName())
                .keySchema(create.keySchema())
                .attributeDefinitions(create.attributeDefinitions())
                .globalSecondaryIndexes(create.globalSecondaryIndexes().stream().map(i -> GlobalSecondaryIndexDescription
                        .builder().indexName(i.indexName()).keySchema(i.keySchema()).projection(i.projection()).build())
                        .toList())
                .billingModeSummary(BillingModeSummary.builder().billingMode(create.billingMode()).build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES));
    }
}
