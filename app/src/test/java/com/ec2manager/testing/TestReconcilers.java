package com.ec2manager.testing;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.ec2manager.action.AbandonedRecords;
import com.ec2manager.action.PendingJudge;
import com.ec2manager.action.PendingReconciler;
import com.ec2manager.action.ReconcilerCheckpoint;
import com.ec2manager.action.ReconcilerProperties;
import com.ec2manager.audit.AuditTrail;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The application's one reconciler on a test's own clock and audit trail, with a checkpoint of
 * its own (so that tests sharing one DynamoDB Local never move each other's read mark).
 */
public final class TestReconcilers {

    public static final Duration GRACE = Duration.ofMinutes(2);

    private TestReconcilers() {
    }

    public static PendingReconciler create(AuditTrail audit, DynamoDbClient dynamoDb, Clock clock,
                                           AbandonedRecords abandoned, PendingJudge... judges) {
        ReconcilerProperties properties = new ReconcilerProperties(false, Duration.ofMinutes(1), GRACE, Duration.ZERO,
                Duration.ofHours(1), "ec2-manager-reconciler");
        ReconcilerCheckpoint checkpoint = new ReconcilerCheckpoint(dynamoDb, properties.checkpointTable(),
                "test-" + UUID.randomUUID());
        checkpoint.createTableIfMissing();
        return new PendingReconciler(audit, List.of(judges), abandoned, checkpoint, properties, clock);
    }

    public static PendingReconciler create(AuditTrail audit, DynamoDbClient dynamoDb, Clock clock, PendingJudge... judges) {
        return create(audit, dynamoDb, clock, new AbandonedRecords(), judges);
    }
}
