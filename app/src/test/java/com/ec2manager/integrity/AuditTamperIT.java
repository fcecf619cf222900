package com.ec2manager.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.ec2manager.archive.ArchiveLayout;
import com.ec2manager.archive.ArchiveStore;
import com.ec2manager.archive.StoredFile;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditProperties;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.testing.StreamTestSettings;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Each way of tampering with the audit trail, done for real (the table through DynamoDB, the
 * archive through S3), is found and named by the verifier.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class AuditTamperIT {

    @DynamicPropertySource
    static void stream(DynamicPropertyRegistry registry) {
        StreamTestSettings.register(registry, "tamper-it");
    }

    @Autowired
    AuditTrail trail;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    ArchiveStore store;
    @Autowired
    S3Client s3;
    @Autowired
    DynamoDbClient dynamoDb;
    @Autowired
    AuditProperties audit;

    private final String user = "user-" + UUID.randomUUID();

    private AuditRecord act(int n) {
        AuditRecord record = trail.begin(new AuditIntent(new AuditActor(user, "tamper@example.com", "127.0.0.1", "it"),
                AuditAction.START_INSTANCE, ResourceType.EC2_INSTANCE, "i-" + n, null, "req-" + n));
        trail.complete(record.key(), AuditResult.succeeded("pending", "aws-" + n));
        return record;
    }

    private VerificationReport archived(Instant from, int records) {
        return Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> verifier.verify(from, Instant.now()), r -> r.records() >= records && r.notYetArchived() == 0);
    }

    @Test
    void anEditedOrDeletedRecordAnAlteredOrDeletedFileAndADeletedDigestAreEachNamed() {
        Instant start = Instant.now().minusSeconds(1);
        AuditRecord edited = act(1);
        AuditRecord deleted = act(2);
        assertThat(archived(start, 2).findings()).isEmpty();
        act(3);
        act(4);
        assertThat(archived(start, 4).findings()).isEmpty();
        List<StoredFile> files = store.list(ArchiveLayout.RECORDS);
        List<StoredFile> digests = store.list(ArchiveLayout.DIGESTS);
        assertThat(files).hasSizeGreaterThanOrEqualTo(2);
        assertThat(digests).hasSizeGreaterThanOrEqualTo(3);

        dynamoDb.updateItem(r -> r.tableName(audit.tableName())
                .key(Map.of("userId", AttributeValue.fromS(user), "timestamp", AttributeValue.fromS(edited.key().timestamp())))
                .updateExpression("SET #o = :o").expressionAttributeNames(Map.of("#o", "outcome"))
                .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("FAILED"))));
        dynamoDb.deleteItem(r -> r.tableName(audit.tableName())
                .key(Map.of("userId", AttributeValue.fromS(user), "timestamp", AttributeValue.fromS(deleted.key().timestamp()))));
        String alteredFile = files.get(0).key();
        byte[] bytes = store.get(alteredFile).orElseThrow().bytes();
        bytes[bytes.length / 2] ^= 1;
        s3.putObject(r -> r.bucket(store.bucket()).key(alteredFile), RequestBody.fromBytes(bytes));
        String deletedFile = files.get(1).key();
        s3.deleteObject(r -> r.bucket(store.bucket()).key(deletedFile));
        String deletedDigest = digests.get(1).key();
        s3.deleteObject(r -> r.bucket(store.bucket()).key(deletedDigest));

        VerificationReport report = Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> verifier.verify(start, Instant.now()), r -> r.findings().stream()
                        .anyMatch(f -> f.kind() == Finding.Kind.RECORD_DELETED));

        String editedKey = user + "/" + edited.key().timestamp();
        String deletedKey = user + "/" + deleted.key().timestamp();
        assertThat(report.holds()).isFalse();
        assertThat(report.findings()).extracting(Finding::kind, Finding::name).contains(
                org.assertj.core.groups.Tuple.tuple(Finding.Kind.RECORD_EDITED, editedKey),
                org.assertj.core.groups.Tuple.tuple(Finding.Kind.RECORD_DELETED, deletedKey),
                org.assertj.core.groups.Tuple.tuple(Finding.Kind.FILE_ALTERED, alteredFile),
                org.assertj.core.groups.Tuple.tuple(Finding.Kind.FILE_MISSING, deletedFile),
                org.assertj.core.groups.Tuple.tuple(Finding.Kind.DIGEST_MISSING, deletedDigest));
    }
}
