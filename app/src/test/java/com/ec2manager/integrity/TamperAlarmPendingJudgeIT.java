package com.ec2manager.integrity;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import com.ec2manager.action.AuditedActions;
import com.ec2manager.action.PendingJudge;
import com.ec2manager.action.PendingReconciler;
import com.ec2manager.archive.ArchiveStore;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditCursorCodec;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditProperties;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.aws.AwsEndpoints;
import com.ec2manager.localaws.testing.MutableClock;
import com.ec2manager.testing.FreePorts;
import com.ec2manager.testing.LocalStackTestBase;
import com.ec2manager.testing.TestReconcilers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tamper-alarm acknowledgements whose write to the bucket did not answer (or whose application
 * stopped before the record was completed) are left PENDING; the one reconciler settles them with
 * the alarms' judge from the bucket — INFERRED, performed when the acknowledgement's object is
 * there, not performed when it is not — and leaves them in flight while the bucket cannot be read.
 * Each test has a bucket of its own (its alarms are its own) and writes its PENDING records in a
 * time window of its own, far in the future; the judge is scoped to the test's operator.
 */
@SpringBootTest(properties = "ec2manager.audit.reconciler.enabled=false")
class TamperAlarmPendingJudgeIT extends LocalStackTestBase {

    @Autowired
    AuditedActions kernel;
    @Autowired
    AuditTrail appAudit;
    @Autowired
    DynamoDbClient dynamoDb;
    @Autowired
    AuditProperties auditProperties;
    @Autowired
    AuditCursorCodec cursors;
    @Autowired
    S3Client s3;
    @Autowired
    SdkHttpClient http;
    @Autowired
    AwsCredentialsProvider credentials;
    @Autowired
    AwsEndpoints endpoints;

    private final AuditActor admin = new AuditActor(UUID.randomUUID().toString(), "tamper-judge@example.com",
            "127.0.0.1", "TamperAlarmPendingJudgeIT/1.0");
    private TamperAlarmStore store;
    private TamperAlarms alarms;
    private MutableClock clock;
    private AuditTrail audit;

    @BeforeEach
    void ownBucketAndWindow() {
        String bucket = "tamper-judge-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(r -> r.bucket(bucket));
        store = new TamperAlarmStore(new ArchiveStore(s3, bucket));
        alarms = new TamperAlarms(store, kernel, new SimpleMeterRegistry(), List.of(), Clock.systemUTC());
        clock = new MutableClock(Instant.parse("2035-01-01T00:00:00Z")
                .plus(Duration.ofMinutes(ThreadLocalRandom.current().nextInt(1_000_000))));
        audit = new AuditTrail(dynamoDb, auditProperties, clock, cursors);
    }

    @Test
    void acknowledgementsLeftPendingAreSettledFromTheAcknowledgementObjectsInTheBucket() {
        String acknowledgedId = raise();
        String openId = raise();
        AuditRecord acknowledgement = acknowledge(acknowledgedId);
        assertThat(acknowledgement.details().extra()).containsEntry(TamperAlarmPendingJudge.ALARM_ID, acknowledgedId);

        // the acknowledgement's object landed but the record's completion was lost
        AuditRecord landed = audit.begin(acknowledgement.intent());
        // an acknowledgement of the other alarm whose write never reached the bucket
        AuditRecord neverWritten = audit.begin(naming(acknowledgement.intent(), openId));
        // a record that does not say which alarm it acknowledged
        AuditRecord nameless = audit.begin(naming(acknowledgement.intent(), null));

        PendingReconciler.Pass pass = reconcilePastGrace(judgeOver(store));

        assertThat(pass.settled()).isEqualTo(3);
        assertThat(reread(landed)).satisfies(inferred("PROBABLY_PERFORMED", "the alarm's acknowledgement is stored"));
        assertThat(reread(landed).newState()).isEqualTo("acknowledged");
        assertThat(reread(neverWritten)).satisfies(inferred("PROBABLY_NOT_PERFORMED", "the alarm has no acknowledgement"));
        assertThat(reread(nameless)).satisfies(inferred("UNDETERMINED", "the record does not name its alarm"));
        assertThat(alarms.open()).as("the judge only reads: the other alarm is still open")
                .extracting(TamperAlarm::id).containsExactly(openId);
    }

    @Test
    void anAcknowledgementLeftPendingStaysInFlightWhileTheBucketCannotBeReadAndIsSettledOnceItCan() {
        AuditRecord acknowledgement = acknowledge(raise());
        AuditRecord pending = audit.begin(acknowledgement.intent());
        try (S3Client unreachable = S3Client.builder().region(endpoints.region()).credentialsProvider(credentials)
                .httpClient(http).endpointOverride(URI.create("http://127.0.0.1:" + FreePorts.next()))
                .forcePathStyle(true).build()) {
            PendingJudge unreadable = judgeOver(new TamperAlarmStore(new ArchiveStore(unreachable, "tamper-judge")));
            assertThatThrownBy(() -> unreadable.judge(pending)).isInstanceOf(SdkException.class);
            AtomicReference<PendingJudge> judge = new AtomicReference<>(unreadable);
            PendingReconciler reconciler = reconciler(judge);

            clock.advance(TestReconcilers.GRACE.plusSeconds(1));
            assertThat(reconciler.reconcile().settled()).isZero();
            assertThat(reread(pending).outcome()).as("left in flight, not guessed").isEqualTo(AuditOutcome.PENDING);

            judge.set(judgeOver(store));
            clock.advance(Duration.ofMinutes(1));
            assertThat(reconciler.reconcile().settled()).as("the record in flight is read again").isEqualTo(1);
            assertThat(reread(pending)).satisfies(inferred("PROBABLY_PERFORMED", "the alarm's acknowledgement is stored"));
        }
    }

    // ---

    /** A new open alarm in the test's bucket; answers its id. */
    private String raise() {
        String id = UUID.randomUUID().toString();
        store.raise(new TamperAlarm(id, Tamper.Kind.EDITED, "someone/2035-01-01T00:00:00.000Z#0001",
                "was edited after its completion", Instant.now()));
        return id;
    }

    /** Acknowledges the alarm through the audited path; answers the acknowledgement's own (completed) record. */
    private AuditRecord acknowledge(String alarmId) {
        assertThat(alarms.acknowledge(alarmId, true, admin, "req-" + UUID.randomUUID())).isPresent();
        return appAudit.query(AuditQuery.byUser(admin.userId()).withLimit(100)).records().stream()
                .filter(r -> r.action() == AuditAction.ACKNOWLEDGE_TAMPER_ALARM && r.outcome() == AuditOutcome.SUCCEEDED
                        && alarmId.equals(r.details().extra().get(TamperAlarmPendingJudge.ALARM_ID)))
                .findFirst().orElseThrow();
    }

    private static TamperAlarmPendingJudge judgeOver(TamperAlarmStore store) {
        return new TamperAlarmPendingJudge(store, Duration.ofSeconds(5));
    }

    private PendingReconciler.Pass reconcilePastGrace(PendingJudge judge) {
        PendingReconciler reconciler = reconciler(new AtomicReference<>(judge));
        clock.advance(TestReconcilers.GRACE.plusSeconds(1));
        return reconciler.reconcile();
    }

    /** The one reconciler on the test's clock, with the judge of the moment for this test's operator's records only. */
    private PendingReconciler reconciler(AtomicReference<PendingJudge> judge) {
        PendingJudge scoped = new PendingJudge() {
            @Override
            public boolean owns(AuditRecord record) {
                return record.userId().equals(admin.userId()) && judge.get().owns(record);
            }

            @Override
            public AuditResult judge(AuditRecord record) {
                return judge.get().judge(record);
            }

            @Override
            public Duration callTimeout() {
                return judge.get().callTimeout();
            }
        };
        return TestReconcilers.create(audit, dynamoDb, clock, scoped);
    }

    private AuditRecord reread(AuditRecord record) {
        return audit.query(AuditQuery.byUser(record.userId()).withLimit(100)).records().stream()
                .filter(r -> r.key().equals(record.key())).findFirst().orElseThrow();
    }

    private static java.util.function.Consumer<AuditRecord> inferred(String conclusion, String basis) {
        return record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.INFERRED);
            assertThat(record.inference()).startsWith(conclusion).contains(basis);
        };
    }

    /** The intent as an acknowledgement of {@code alarmId} ({@code null}: naming none). */
    private static AuditIntent naming(AuditIntent intent, String alarmId) {
        Map<String, String> extra = new LinkedHashMap<>(intent.details().extra());
        if (alarmId == null) {
            extra.remove(TamperAlarmPendingJudge.ALARM_ID);
        } else {
            extra.put(TamperAlarmPendingJudge.ALARM_ID, alarmId);
        }
        AuditDetails details = intent.details();
        return new AuditIntent(intent.actor(), intent.action(), intent.resourceType(), intent.resourceId(),
                new AuditDetails(details.instanceType(), details.previousState(), details.region(), details.reason(),
                        extra), intent.requestId() + "-" + alarmId, intent.clientRequestId());
    }
}
