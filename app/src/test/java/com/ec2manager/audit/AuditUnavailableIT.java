package com.ec2manager.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ec2manager.testing.RestartableDynamoDbLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With DynamoDB down nothing can be audited, so nothing may be done: begin() fails with a 503. */
@SpringBootTest
class AuditUnavailableIT {

    private static RestartableDynamoDbLocal dynamoDbLocal;

    @Autowired
    AuditTrail trail;
    @Autowired
    DynamoDbHealthIndicator health;

    @DynamicPropertySource
    static void ownDynamoDb(DynamicPropertyRegistry registry) {
        dynamoDbLocal = RestartableDynamoDbLocal.start();
        registry.add("ec2manager.local.start-stack", () -> "false");
        // No stand-ins run here, so nothing may reach for the archive bucket or the stream.
        registry.add("ec2manager.stream.enabled", () -> "false");
        registry.add("ec2manager.local.data-dir", () -> dynamoDbLocal.dataDir().getParent().toString());
        registry.add("ec2manager.aws.endpoints.dynamodb", () -> dynamoDbLocal.endpoint().toString());
    }

    @AfterAll
    static void stop() {
        dynamoDbLocal.close();
    }

    @Test
    void whenDynamoDbIsDownBeginFailsAsUnavailableAndWorksAgainOnceItIsBack() {
        AuditRecord before = trail.begin(intent());

        dynamoDbLocal.stop();
        assertThatThrownBy(() -> trail.begin(intent()))
                .isInstanceOf(AuditUnavailableException.class)
                .satisfies(e -> assertThat(((AuditUnavailableException) e).kind()).isEqualTo(com.ec2manager.failure.FailureKind.UNAVAILABLE));
        assertThatThrownBy(() -> trail.complete(before.key(), AuditResult.succeeded("running", null)))
                .isInstanceOf(AuditUnavailableException.class);
        assertThatThrownBy(() -> trail.query(AuditQuery.byUser("u-1"))).isInstanceOf(AuditUnavailableException.class);
        assertThat(health.health(true).getStatus()).isEqualTo(Status.DOWN);

        dynamoDbLocal.restart();
        AuditRecord after = trail.begin(intent());
        assertThat(trail.query(AuditQuery.byUser("u-1")).records()).extracting(AuditRecord::key)
                .contains(before.key(), after.key());
        assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
    }

    private static AuditIntent intent() {
        return new AuditIntent(new AuditActor("u-1", "u1@example.com", null, null), AuditAction.START_INSTANCE,
                ResourceType.EC2_INSTANCE, "i-1", null, "req");
    }
}
