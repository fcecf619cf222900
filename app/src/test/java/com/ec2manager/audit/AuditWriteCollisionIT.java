package com.ec2manager.audit;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.ec2manager.localaws.testing.MutableClock;
import com.ec2manager.testing.LocalStackTestBase;
import com.ec2manager.testing.TestLocalStack;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing is ever overwritten, where it is most likely: two processes (two audit trails, each with
 * its own sort-key counter) on one frozen clock writing for the same person, and the SDK repeating
 * a PutItem whose answer it lost. Each test writes in its own time window far in the future.
 */
@SpringBootTest(properties = "ec2manager.audit.reconciler.enabled=false")
class AuditWriteCollisionIT extends LocalStackTestBase {

    private static final AtomicInteger WINDOWS = new AtomicInteger();

    @Autowired
    DynamoDbClient dynamoDb;
    @Autowired
    AuditProperties properties;
    @Autowired
    AuditCursorCodec cursors;

    @Test
    void twoProcessesOnOneFrozenClockWritingForOnePersonInTurnKeepEveryRecord() {
        MutableClock clock = frozenClock();
        AuditTrail first = new AuditTrail(dynamoDb, properties, clock, cursors);
        AuditTrail second = new AuditTrail(dynamoDb, properties, clock, cursors);
        String user = "collide-" + UUID.randomUUID();

        List<AuditRecord> written = new ArrayList<>();
        // The second process starts where the first did: every one of its keys is taken.
        for (int i = 0; i < 40; i++) {
            written.add(first.begin(intent(user, "first-" + i)));
        }
        for (int i = 0; i < 40; i++) {
            written.add(second.begin(intent(user, "second-" + i)));
        }

        assertEveryRecordStoredAsWritten(first, user, written);
    }

    @Test
    void twoProcessesOnOneFrozenClockWritingForOnePersonAtOnceKeepEveryRecord() throws Exception {
        MutableClock clock = frozenClock();
        AuditTrail first = new AuditTrail(dynamoDb, properties, clock, cursors);
        AuditTrail second = new AuditTrail(dynamoDb, properties, clock, cursors);
        String user = "collide-" + UUID.randomUUID();
        List<AuditRecord> written = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                AuditTrail trail = i % 2 == 0 ? first : second;
                String resource = "r-" + i;
                writes.add(pool.submit(() -> written.add(trail.begin(intent(user, resource)))));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertEveryRecordStoredAsWritten(first, user, written);
    }

    @Test
    void aPutItemTheSdkRepeatsAfterLosingItsAnswerLeavesOneRecordAndReturnsIt() {
        MutableClock clock = frozenClock();
        AtomicInteger puts = new AtomicInteger();
        try (DynamoDbClient losingAnswers = clientThatLosesTheFirstPutAnswer(puts)) {
            AuditTrail trail = new AuditTrail(losingAnswers, properties, clock, cursors);
            String user = "retry-" + UUID.randomUUID();

            AuditRecord written = trail.begin(intent(user, "i-retried"));

            assertThat(puts.get()).as("DynamoDB saw the PutItem twice: the first stored, the answer lost")
                    .isEqualTo(2);
            List<AuditRecord> stored = trail.query(AuditQuery.byUser(user).withLimit(10)).records();
            assertThat(stored).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo(written.key());
                assertThat(record.eventId()).isEqualTo(written.eventId());
                assertThat(record.outcome()).isEqualTo(AuditOutcome.PENDING);
            });
        }
    }

    private void assertEveryRecordStoredAsWritten(AuditTrail reader, String user, List<AuditRecord> written) {
        List<AuditRecord> stored = reader.query(AuditQuery.byUser(user).withLimit(500)).records();
        assertThat(written).extracting(AuditRecord::key).doesNotHaveDuplicates();
        assertThat(stored).hasSize(written.size());
        Map<AuditKey, String> eventIds = new java.util.HashMap<>();
        stored.forEach(record -> eventIds.put(record.key(), record.eventId()));
        // each key holds the event of the writer that was told it wrote it: none was overwritten
        assertThat(written).allSatisfy(record -> assertThat(eventIds.get(record.key())).isEqualTo(record.eventId()));
    }

    /** A client that, like a network that drops one answer, turns DynamoDB's first PutItem answer into a 500. */
    private static DynamoDbClient clientThatLosesTheFirstPutAnswer(AtomicInteger puts) {
        ExecutionInterceptor losesFirstAnswer = new ExecutionInterceptor() {
            @Override
            public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutItemRequest && puts.incrementAndGet() == 1) {
                    return context.httpResponse().toBuilder().statusCode(500).statusText("Internal Server Error").build();
                }
                return context.httpResponse();
            }

            @Override
            public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                                   ExecutionAttributes attributes) {
                if (context.request() instanceof PutItemRequest && context.httpResponse().statusCode() == 500) {
                    return Optional.of(new ByteArrayInputStream("{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"lost\"}"
                            .getBytes(StandardCharsets.UTF_8)));
                }
                return context.responseBody();
            }
        };
        return DynamoDbClient.builder()
                .endpointOverride(TestLocalStack.get().dynamoDbEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret")))
                .httpClient(ApacheHttpClient.builder().build())
                .overrideConfiguration(o -> o.addExecutionInterceptor(losesFirstAnswer))
                .build();
    }

    private static MutableClock frozenClock() {
        return new MutableClock(Instant.parse("2031-01-01T00:00:00Z").plusSeconds(3600L * WINDOWS.incrementAndGet()));
    }

    private static AuditIntent intent(String user, String resource) {
        return new AuditIntent(new AuditActor(user, user + "@example.com", "127.0.0.1", "CollisionIT"),
                AuditAction.STOP_INSTANCE, ResourceType.EC2_INSTANCE, resource, AuditDetails.NONE, "req-" + resource);
    }
}
