package com.ec2manager.audit;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit record is composed of its parts (intent, result), but its item stays the flat one
 * {@code seed/database-schema.md} fixes.
 */
class AuditItemsTest {

    private static final AuditKey KEY = new AuditKey("cognito-user-uuid", "2025-01-13T10:30:00.000000000Z");
    private static final AuditIntent REBOOT = new AuditIntent(
            new AuditActor("cognito-user-uuid", "admin@example.com", "203.0.113.1", "Mozilla/5.0"),
            AuditAction.REBOOT_INSTANCE, ResourceType.EC2_INSTANCE, "i-1234567890abcdef0",
            AuditDetails.ofInstance("t2.micro", "running", "us-east-1", "Scheduled maintenance"), "req-1");
    private static final long TTL = Instant.parse("2025-01-13T10:30:00Z").getEpochSecond() + 2_678_400;

    @Test
    void aPendingRecordIsTheSeedsItemWithItsOutcome() {
        Map<String, AttributeValue> item = AuditItems.toItem(AuditRecord.pending(KEY, "event-1", REBOOT, TTL));

        assertThat(item).containsOnlyKeys("userId", "timestamp", "action", "resourceType", "resourceId", "userEmail",
                "details", "ipAddress", "userAgent", "ttl", "eventId", "requestId", "outcome");
        assertThat(item.get("userId").s()).isEqualTo("cognito-user-uuid");
        assertThat(item.get("timestamp").s()).isEqualTo("2025-01-13T10:30:00.000000000Z");
        assertThat(item.get("action").s()).isEqualTo("REBOOT_INSTANCE");
        assertThat(item.get("resourceType").s()).isEqualTo("EC2_INSTANCE");
        assertThat(item.get("resourceId").s()).isEqualTo("i-1234567890abcdef0");
        assertThat(item.get("userEmail").s()).isEqualTo("admin@example.com");
        assertThat(item.get("details").m()).containsOnlyKeys("instanceType", "previousState", "region", "reason");
        assertThat(item.get("details").m().get("reason").s()).isEqualTo("Scheduled maintenance");
        assertThat(item.get("ipAddress").s()).isEqualTo("203.0.113.1");
        assertThat(item.get("userAgent").s()).isEqualTo("Mozilla/5.0");
        assertThat(item.get("ttl").n()).isEqualTo("1739442600");
        assertThat(item.get("outcome").s()).isEqualTo("PENDING");
    }

    @Test
    void aSettledRecordAddsItsResultAsFlatAttributesAndReadsBackTheSame() {
        AuditRecord failed = AuditRecord.pending(KEY, "event-1", REBOOT, TTL).settled(
                AuditResult.failed("IncorrectInstanceState", "The instance is stopped.", "aws-1"),
                Instant.parse("2025-01-13T10:30:01Z"));
        Map<String, AttributeValue> item = AuditItems.toItem(failed);

        assertThat(item.get("outcome").s()).isEqualTo("FAILED");
        assertThat(item.get("errorCode").s()).isEqualTo("IncorrectInstanceState");
        assertThat(item.get("awsRequestId").s()).isEqualTo("aws-1");
        assertThat(item.get("completedAt").s()).isEqualTo("2025-01-13T10:30:01.000000000Z");
        assertThat(AuditItems.fromItem(item)).isEqualTo(failed);
        assertThat(AuditItems.fromItem(AuditItems.toItem(AuditRecord.pending(KEY, "event-1", REBOOT, TTL))).outcome())
                .isEqualTo(AuditOutcome.PENDING);
    }

    @Test
    void aStoredItemThatBreaksTheResultsRulesIsStillReadSoThatItCanBeShown() {
        // an INFERRED outcome without what was inferred: never written by the application, but a
        // record changed behind its back must still be readable
        Map<String, AttributeValue> item = new java.util.HashMap<>(AuditItems.toItem(AuditRecord.pending(KEY, "event-1",
                REBOOT, TTL)));
        item.put("outcome", AttributeValue.fromS("INFERRED"));
        assertThat(AuditItems.fromItem(item).outcome()).isEqualTo(AuditOutcome.INFERRED);
        assertThat(AuditItems.fromItem(item).inference()).isNull();
    }

    @Test
    void theApplicationItselfWritesNoSuchResult() {
        // the twin of the test above: the write path checks what the read path lets through
        var inconsistent = new AuditResult(AuditOutcome.INFERRED, null, null, null, null, null);
        assertThatThrownBy(inconsistent::requireConsistent).isInstanceOf(IllegalArgumentException.class);
        assertThat(AuditResult.inferred(AuditResult.Conclusion.UNDETERMINED, null, "gone").requireConsistent().inference())
                .startsWith("UNDETERMINED");
    }
}
