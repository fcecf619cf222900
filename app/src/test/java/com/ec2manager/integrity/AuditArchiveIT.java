package com.ec2manager.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.ec2manager.archive.ArchiveLayout;
import com.ec2manager.archive.ArchiveStore;
import com.ec2manager.archive.StoredFile;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.testing.OwnRecords;
import com.ec2manager.testing.StreamTestSettings;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Local mode end to end: audited actions go through the table's stream (KCL against DynamoDB
 * Local) into the archive bucket of the S3 emulator, with a signed digest chain, and the
 * verifier finds everything in place.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class AuditArchiveIT {

    @DynamicPropertySource
    static void stream(DynamicPropertyRegistry registry) {
        StreamTestSettings.register(registry, "archive-it");
    }

    @Autowired
    AuditTrail trail;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    ArchiveStore store;
    @Autowired
    DigestWriter digests;

    @Test
    void everyActionIsArchivedInChainedSignedDigestsAndTheVerifierFindsTheTrailIntact() {
        String user = "user-" + UUID.randomUUID();
        List<AuditRecord> written = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            AuditRecord record = trail.begin(new AuditIntent(new AuditActor(user, "archive@example.com", "127.0.0.1",
                    "it"), AuditAction.STOP_INSTANCE, ResourceType.EC2_INSTANCE, "i-" + i, null, "req-" + i));
            written.add(record);
            if (i % 2 == 0) {
                trail.complete(record.key(), AuditResult.succeeded("stopping", "aws-" + i));
            }
        }

        // this test's records (see OwnRecords): from its first to its last
        Instant start = written.get(0).eventTime();
        Instant end = written.get(written.size() - 1).eventTime();
        List<String> keys = written.stream().map(r -> user + "/" + r.key().timestamp()).toList();
        VerificationReport report = Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> verifier.verify(start, end),
                        r -> r.records() >= written.size() && OwnRecords.archived(r, keys));

        assertThat(OwnRecords.findings(report, keys)).isEmpty();
        assertThat(report.chains()).isPositive();
        List<StoredFile> files = store.list(ArchiveLayout.RECORDS);
        assertThat(files).isNotEmpty().allSatisfy(file -> assertThat(file.key()).endsWith(".jsonl.gz"));
        List<StoredFile> chain = store.list(ArchiveLayout.DIGESTS);
        assertThat(chain.size()).isGreaterThanOrEqualTo(2);
        assertThat(chain).allSatisfy(digest -> assertThat(digest.key()).contains(digests.writer()));
    }
}
