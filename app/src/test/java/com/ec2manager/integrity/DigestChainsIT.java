package com.ec2manager.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.ec2manager.archive.ArchiveReader;
import com.ec2manager.archive.ArchiveStore;
import com.ec2manager.archive.ArchivedFile;
import com.ec2manager.archive.Sha256;
import com.ec2manager.audit.AuditProperties;
import com.ec2manager.localaws.testing.MutableClock;
import com.ec2manager.testing.LocalStackTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The digest chain is per writer (one per application instance): the verifier checks several
 * chains, each on its own, and names a chain that forks — two instances under one writer name.
 */
@SpringBootTest
class DigestChainsIT extends LocalStackTestBase {

    private static final Duration INTERVAL = Duration.ofMinutes(5);

    @Autowired
    S3Client s3;
    @Autowired
    DynamoDbClient dynamoDb;
    @Autowired
    AuditProperties audit;
    @TempDir
    Path keyFolder;

    // digests are found by their objects' times, which the S3 emulator takes from the wall clock
    private final Instant start = Instant.now();
    private final MutableClock clock = new MutableClock(start);
    private ArchiveStore store;
    private DigestSigner key;
    private AuditVerifier verifier;

    @BeforeEach
    void bucket() {
        String bucket = "digest-chains-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(r -> r.bucket(bucket));
        store = new ArchiveStore(s3, bucket);
        key = LocalDigestKey.inFolder(keyFolder);
        verifier = new AuditVerifier(store, new ArchiveReader(store), key, new LiveAuditTable(dynamoDb, audit.tableName()),
                INTERVAL, clock);
    }

    private DigestWriter writer(String name) {
        return new DigestWriter(store, key, name, INTERVAL, clock);
    }

    /** One interval of a writer: a file written and listed, then its digest; the digest's key. */
    private String interval(DigestWriter writer, boolean closing) {
        clock.advance(INTERVAL);
        byte[] bytes = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        String file = "chains-test/" + UUID.randomUUID();
        store.put(file, bytes, "application/octet-stream", Map.of());
        writer.written(new ArchivedFile(file, Sha256.hex(bytes), 0));
        return writer.writeDigest(closing);
    }

    private VerificationReport verify() {
        return verifier.verify(start.minusSeconds(60), clock.instant());
    }

    @Test
    void twoInstancesWriteTwoChainsThatEachHold() {
        DigestWriter a = writer("instance-a");
        DigestWriter b = writer("instance-b");
        for (int n = 0; n < 3; n++) {
            interval(a, false);
            interval(b, false);
        }
        interval(a, true);
        interval(b, true);

        VerificationReport report = verify();

        assertThat(report.chains()).isEqualTo(2);
        assertThat(report.digests()).isEqualTo(8);
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void twoInstancesUnderOneWriterNameForkTheChainAndTheVerifierNamesTheFork() {
        DigestWriter first = writer("instance-a");
        interval(first, false);
        interval(first, false);
        DigestWriter second = writer("instance-a"); // continues from the same last digest as the first
        interval(second, false);
        String fork = interval(first, true); // names the same previous digest as the second's

        VerificationReport report = verify();

        assertThat(report.chains()).isEqualTo(1);
        assertThat(report.findings()).extracting(Finding::kind, Finding::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Finding.Kind.DIGEST_CHAIN_BROKEN, fork));
    }
}
