package com.ec2manager.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditProperties;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.testing.SignedInAs;
import com.ec2manager.testing.OwnRecords;
import com.ec2manager.testing.StreamTestSettings;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Each way of tampering with the audit trail, done for real (the table through DynamoDB, the
 * archive through S3), is found and named by the verifier.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@DirtiesContext
class AuditTamperIT {

    private static final String ADMIN_ID = "tamper-admin";
    private static final String READER_ID = "tamper-reader";

    @DynamicPropertySource
    static void stream(DynamicPropertyRegistry registry) {
        StreamTestSettings.register(registry, "tamper-it");
    }

    @Autowired
    AuditTrail trail;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    TamperAlarms alarms;
    @Autowired
    ArchiveStore store;
    @Autowired
    S3Client s3;
    @Autowired
    DynamoDbClient dynamoDb;
    @Autowired
    AuditProperties audit;
    @Autowired
    MockMvc mvc;

    private static RequestPostProcessor admin() {
        return SignedInAs.operator(ADMIN_ID, "tamper-admin@example.com", "admin");
    }

    private static RequestPostProcessor reader() {
        return SignedInAs.operator(READER_ID, "tamper-reader@example.com", "readonly");
    }

    private String banner(RequestPostProcessor who) throws Exception {
        return mvc.perform(get("/integrity/alarms/banner").with(who)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    /** The list of findings the page shows under the check's result (the alarm banner may name records too). */
    private static String findings(String page) {
        int start = page.indexOf("id=\"verify-findings\"");
        assertThat(start).as("the page lists findings").isPositive();
        return page.substring(start, page.indexOf("</ul>", start));
    }

    private void edit(AuditRecord record, String outcome) {
        dynamoDb.updateItem(r -> r.tableName(audit.tableName())
                .key(Map.of("userId", AttributeValue.fromS(user), "timestamp", AttributeValue.fromS(record.key().timestamp())))
                .updateExpression("SET #o = :o").expressionAttributeNames(Map.of("#o", "outcome"))
                .expressionAttributeValues(Map.of(":o", AttributeValue.fromS(outcome))));
    }

    private final String user = "user-" + UUID.randomUUID();

    private AuditRecord act(int n) {
        AuditRecord record = trail.begin(new AuditIntent(new AuditActor(user, "tamper@example.com", "127.0.0.1", "it"),
                AuditAction.START_INSTANCE, ResourceType.EC2_INSTANCE, "i-" + n, null, "req-" + n));
        trail.complete(record.key(), AuditResult.succeeded("pending", "aws-" + n));
        return record;
    }

    /**
     * Waits until {@code records} (this test's own, see {@link OwnRecords}) are archived and digested,
     * checking the range from the first to the last of them; answers the findings about them and
     * about the bucket's files and digests.
     */
    private List<Finding> archived(AuditRecord... records) {
        Instant from = records[0].eventTime();
        Instant to = records[records.length - 1].eventTime();
        List<String> keys = java.util.Arrays.stream(records).map(r -> user + "/" + r.key().timestamp()).toList();
        VerificationReport report = Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> verifier.verify(from, to), r -> r.records() >= records.length && OwnRecords.archived(r, keys)
                        // a file written in the current interval is named by no digest until the interval closes
                        && r.findings().stream().noneMatch(f -> f.kind() == Finding.Kind.FILE_EXTRA));
        return OwnRecords.findings(report, keys);
    }

    @Test
    void anEditedOrDeletedRecordAnAlteredOrDeletedFileAndADeletedDigestAreEachNamed() {
        AuditRecord edited = act(1);
        // from this test's first record: what an earlier class wrote is archived in that class's bucket
        Instant start = edited.eventTime();
        AuditRecord deleted = act(2);
        assertThat(archived(edited, deleted)).isEmpty();
        AuditRecord third = act(3);
        AuditRecord last = act(4);
        assertThat(archived(edited, deleted, third, last)).isEmpty();
        List<StoredFile> files = store.list(ArchiveLayout.RECORDS);
        List<StoredFile> digests = store.list(ArchiveLayout.DIGESTS);
        assertThat(files).hasSizeGreaterThanOrEqualTo(2);
        assertThat(digests).hasSizeGreaterThanOrEqualTo(3);

        edit(edited, "FAILED");
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

        String editedKey = user + "/" + edited.key().timestamp();
        String deletedKey = user + "/" + deleted.key().timestamp();
        VerificationReport report = Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> verifier.verify(start, Instant.now()), r -> r.findings().stream()
                        .anyMatch(f -> f.kind() == Finding.Kind.RECORD_DELETED && f.name().equals(deletedKey)));

        assertThat(report.holds()).isFalse();
        assertThat(report.findings()).extracting(Finding::kind, Finding::name).contains(
                org.assertj.core.groups.Tuple.tuple(Finding.Kind.RECORD_EDITED, editedKey),
                org.assertj.core.groups.Tuple.tuple(Finding.Kind.RECORD_DELETED, deletedKey),
                org.assertj.core.groups.Tuple.tuple(Finding.Kind.FILE_ALTERED, alteredFile),
                org.assertj.core.groups.Tuple.tuple(Finding.Kind.FILE_MISSING, deletedFile),
                org.assertj.core.groups.Tuple.tuple(Finding.Kind.DIGEST_MISSING, deletedDigest));
    }

    @Test
    void anEditRaisesABannerForAdminsOnlyUntilAnAdminAcknowledgesItAndTheAcknowledgementIsAudited() throws Exception {
        AuditRecord record = act(10);
        Instant start = record.eventTime();
        archived(record);
        String key = user + "/" + record.key().timestamp();
        assertThat(mvc.perform(get("/").with(admin())).andReturn().getResponse().getContentAsString())
                .as("the dashboard loads the banner").contains("hx-get=\"/integrity/alarms/banner\"");
        assertThat(banner(admin())).doesNotContain(key);

        edit(record, "FAILED");

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> banner(admin()).contains(key));
        TamperAlarm alarm = alarms.open().stream().filter(a -> a.itemKey().equals(key)).findFirst().orElseThrow();
        assertThat(banner(admin())).contains("/integrity/alarms/" + alarm.id() + "/acknowledge");
        assertThat(banner(reader())).as("readonly people see no banner").doesNotContain(key);

        mvc.perform(post("/integrity/alarms/" + alarm.id() + "/acknowledge").with(reader()).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(banner(admin())).as("a refused acknowledgement leaves the alarm open").contains(key);
        mvc.perform(post("/integrity/alarms/" + alarm.id() + "/acknowledge").with(admin()).with(csrf()))
                .andExpect(status().is3xxRedirection());

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !banner(admin()).contains(key));
        assertThat(trail.query(AuditQuery.byUser(ADMIN_ID)).records())
                .filteredOn(r -> r.action() == AuditAction.ACKNOWLEDGE_TAMPER_ALARM && key.equals(r.resourceId()))
                .extracting(AuditRecord::outcome).containsExactly(AuditOutcome.SUCCEEDED);
        assertThat(trail.query(AuditQuery.byUser(READER_ID)).records())
                .filteredOn(r -> r.action() == AuditAction.ACKNOWLEDGE_TAMPER_ALARM)
                .extracting(AuditRecord::outcome).containsExactly(AuditOutcome.DENIED);
    }

    @Test
    void anAdminRunsTheCheckFromTheIntegrityPageAndReadsItsFindings() throws Exception {
        AuditRecord record = act(20);
        Instant start = record.eventTime();
        archived(record);
        String key = user + "/" + record.key().timestamp();
        dynamoDb.deleteItem(r -> r.tableName(audit.tableName()).key(Map.of("userId", AttributeValue.fromS(user),
                "timestamp", AttributeValue.fromS(record.key().timestamp()))));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> verifier.verify(start, Instant.now()).findings().stream()
                        .anyMatch(f -> f.kind() == Finding.Kind.RECORD_DELETED));

        mvc.perform(get("/integrity").with(reader())).andExpect(status().isForbidden());
        mvc.perform(get("/integrity").with(admin())).andExpect(status().isOk());
        String page = mvc.perform(post("/integrity/verify").with(admin()).with(csrf())
                        .param("from", start.toString()).param("to", Instant.now().toString()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains(">Tampered<", "TAMPERED: ");
        assertThat(findings(page)).contains("RECORD_DELETED", key);
        String intact = mvc.perform(post("/integrity/verify").with(admin()).with(csrf())
                        .param("from", "2020-01-01T00:00:00Z").param("to", "2020-01-02T00:00:00Z"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(intact).as("a range with nothing in it holds").contains(">Intact<", "INTACT: ")
                .doesNotContain("id=\"verify-findings\"");
    }
}
