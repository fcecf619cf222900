package com.ec2manager.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

class AuditQueryPlanTest {

    @Test
    void anOutcomeFilterIsAFilterExpressionThatDynamoDbApplies() {
        AuditQuery query = AuditQuery.byUser("user-1").withOutcomes(EnumSet.of(AuditOutcome.DENIED, AuditOutcome.FAILED));

        QueryRequest request = AuditQueryPlan.of(query).request("t", "user-1", null, 10);

        assertThat(request.filterExpression()).isEqualTo("#outcome IN (:outcome0, :outcome1)");
        assertThat(request.expressionAttributeValues()).containsEntry(":outcome0", AttributeValue.fromS("FAILED"))
                .containsEntry(":outcome1", AttributeValue.fromS("DENIED"));
    }

    @Test
    void withoutOutcomesThereIsNoFilterAndTheCursorBindingDiffers() {
        AuditQueryPlan all = AuditQueryPlan.of(AuditQuery.all());
        AuditQueryPlan denied = AuditQueryPlan.of(AuditQuery.all().withOutcomes(EnumSet.of(AuditOutcome.DENIED)));

        assertThat(all.request("t", "SIGN_IN", null, 10).filterExpression()).isNull();
        assertThat(denied.request("t", "SIGN_IN", null, 10).filterExpression()).isEqualTo("#outcome IN (:outcome0)");
        assertThat(all.description()).isNotEqualTo(denied.description());
    }
}
