package com.ec2manager.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.ec2manager.localaws.testing.MutableClock;
import com.ec2manager.testing.DynamoDbClients;
import com.ec2manager.testing.LocalStackTestBase;
import com.ec2manager.testing.MutableClockConfiguration;
import com.ec2manager.testing.TestLocalStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The audit trail in the running application against DynamoDB Local. Each test writes in a time
 * window of its own (the clock is frozen far in the future), so that queries across users and
 * actions see only that test's records in the shared table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClockConfiguration.class)
class AuditTrailIT extends LocalStackTestBase {

    private static final AtomicInteger WINDOWS = new AtomicInteger();
    private static final long RETENTION = 2_678_400L;

    @Autowired
    AuditTrail trail;
    @Autowired
    MutableClock clock;
    @Autowired
    DynamoDbClient dynamoDb;
    @Autowired
    AuditProperties properties;
    @Autowired
    DynamoDbHealthIndicator health;
    @Autowired
    AuditCursorCodec cursors;

    Instant windowStart;
    Instant windowEnd;

    @BeforeEach
    void ownTimeWindow() {
        // far from real time and from every other test's window
        windowStart = Instant.parse("2040-01-01T00:00:00Z")
                .plus(Duration.ofDays(400L * WINDOWS.incrementAndGet() + ThreadLocalRandom.current().nextInt(300)));
        windowEnd = windowStart.plus(Duration.ofDays(1));
        clock.set(windowStart.plusSeconds(1));
    }

    @Test
    void aThousandConcurrentWritesForOneUserWithAFrozenClockLeaveAThousandDistinctItems() throws Exception {
        String user = newId("user");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<AuditRecord>> writes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String instance = "i-" + i;
            writes.add(pool.submit(() -> trail.begin(intent(user, AuditAction.STOP_INSTANCE, instance))));
        }
        Set<AuditKey> keys = new HashSet<>();
        for (Future<AuditRecord> write : writes) {
            keys.add(write.get().key());
        }
        pool.shutdown();

        assertThat(keys).hasSize(1000);
        List<Map<String, AttributeValue>> items = dynamoDb.queryPaginator(r -> r.tableName(properties.tableName())
                .keyConditionExpression("userId = :u")
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(user)))).items().stream().toList();
        assertThat(items).hasSize(1000);
        assertThat(items.stream().map(i -> i.get("timestamp").s()).distinct()).hasSize(1000);
        assertThat(items.stream().map(i -> i.get("eventId").s()).distinct()).hasSize(1000);
        assertThat(items).allSatisfy(i -> assertThat(i.get("timestamp").s())
                .startsWith(windowStart.plusSeconds(1).toString().replace("Z", ".000")));
    }

    @Test
    void aRecordIsStoredInTheSeedsShapeWithTtlAsANumberOfEventSecondsPlusThirtyOneDays() {
        clock.set(windowStart.plusMillis(1_234));
        String user = newId("user");
        AuditRecord record = trail.begin(new AuditIntent(
                new AuditActor(user, "admin@example.com", "203.0.113.1", "Mozilla/5.0"),
                AuditAction.REBOOT_INSTANCE, ResourceType.EC2_INSTANCE, "i-1234567890abcdef0",
                new AuditDetails("t2.micro", "running", "us-east-1", "Scheduled maintenance", Map.of("ticket", "OPS-7")),
                "req-1"));

        Map<String, AttributeValue> item = rawItem(record.key());
        assertThat(item.get("ttl").n()).isEqualTo(Long.toString(record.eventTime().getEpochSecond() + RETENTION));
        assertThat(item.get("ttl").s()).isNull();
        assertThat(record.ttl()).isEqualTo(windowStart.getEpochSecond() + 1 + RETENTION);
        assertThat(item.get("timestamp").s()).isEqualTo(AuditTimestamps.format(windowStart.plusMillis(1_234)));
        assertThat(item.get("action").s()).isEqualTo("REBOOT_INSTANCE");
        assertThat(item.get("resourceType").s()).isEqualTo("EC2_INSTANCE");
        assertThat(item.get("resourceId").s()).isEqualTo("i-1234567890abcdef0");
        assertThat(item.get("userEmail").s()).isEqualTo("admin@example.com");
        assertThat(item.get("ipAddress").s()).isEqualTo("203.0.113.1");
        assertThat(item.get("userAgent").s()).isEqualTo("Mozilla/5.0");
        assertThat(item.get("requestId").s()).isEqualTo("req-1");
        assertThat(item.get("outcome").s()).isEqualTo("PENDING");
        assertThat(item.get("eventId").s()).isEqualTo(record.eventId());
        assertThat(item.get("details").m()).isEqualTo(Map.of(
                "instanceType", AttributeValue.fromS("t2.micro"), "previousState", AttributeValue.fromS("running"),
                "region", AttributeValue.fromS("us-east-1"), "reason", AttributeValue.fromS("Scheduled maintenance"),
                "ticket", AttributeValue.fromS("OPS-7")));
        assertThat(item).doesNotContainKeys("errorCode", "errorMessage", "completedAt", "newState");
        assertThat(trail.read(record.key())).isEqualTo(record);
    }

    @Test
    void aRecordIsCompletedOnceAndASecondCompletionIsRefused() {
        AuditRecord pending = trail.begin(intent(newId("user"), AuditAction.STOP_INSTANCE, "i-1"));
        clock.advance(Duration.ofMillis(250));

        AuditRecord done = trail.complete(pending.key(), AuditResult.succeeded("stopping", "aws-req-1"));
        assertThat(done.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
        assertThat(done.newState()).isEqualTo("stopping");
        assertThat(done.awsRequestId()).isEqualTo("aws-req-1");
        assertThat(done.completedAt()).isEqualTo(windowStart.plusSeconds(1).plusMillis(250));
        assertThat(done.eventId()).isEqualTo(pending.eventId());

        clock.advance(Duration.ofMillis(250));
        assertThatThrownBy(() -> trail.complete(pending.key(), AuditResult.failed("Boom", "late", null)))
                .isInstanceOf(AuditAlreadyCompletedException.class)
                .hasMessageContaining("already completed as SUCCEEDED")
                .satisfies(e -> assertThat(((AuditAlreadyCompletedException) e).kind()).isEqualTo(com.ec2manager.failure.FailureKind.CONFLICT));
        assertThat(trail.read(pending.key())).isEqualTo(done);
    }

    @Test
    void completingARecordThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> trail.complete(new AuditKey(newId("user"), AuditTimestamps.format(windowStart)),
                AuditResult.succeeded("running", null)))
                .isInstanceOf(AuditRecordNotFoundException.class);
    }

    @Test
    void aFinalRecordIsWrittenInOneGo() {
        AuditRecord denied = trail.record(intent(newId("user"), AuditAction.TERMINATE_INSTANCE, "i-9"),
                AuditResult.denied("readonly users may not act"));
        assertThat(trail.read(denied.key())).isEqualTo(denied);
        assertThat(denied.outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(denied.errorMessage()).isEqualTo("readonly users may not act");
        assertThat(denied.completedAt()).isEqualTo(denied.eventTime());
    }

    @Test
    void everyQueryReturnsTheRightItemsNewestFirst() {
        String alice = newId("alice");
        String bob = newId("bob");
        String i1 = newId("i");
        String i2 = newId("i");
        List<AuditRecord> written = new ArrayList<>();
        Object[][] plan = {
                {alice, AuditAction.START_INSTANCE, i1}, {bob, AuditAction.STOP_INSTANCE, i1},
                {alice, AuditAction.STOP_INSTANCE, i2}, {bob, AuditAction.SIGN_IN, bob},
                {alice, AuditAction.REBOOT_INSTANCE, i1}, {alice, AuditAction.STOP_INSTANCE, i1},
                {bob, AuditAction.TERMINATE_INSTANCE, i2}, {alice, AuditAction.SIGN_OUT, alice},
        };
        for (Object[] step : plan) {
            clock.advance(Duration.ofSeconds(1));
            written.add(trail.begin(intent((String) step[0], (AuditAction) step[1], (String) step[2])));
        }
        List<AuditRecord> newestFirst = reversed(written);

        assertThat(query(AuditQuery.byUser(alice))).isEqualTo(select(newestFirst, r -> r.userId().equals(alice)));
        assertThat(query(AuditQuery.byAction(AuditAction.STOP_INSTANCE).between(windowStart, windowEnd)))
                .isEqualTo(select(newestFirst, r -> r.action() == AuditAction.STOP_INSTANCE));
        assertThat(query(AuditQuery.byResource(i1))).isEqualTo(select(newestFirst, r -> r.resourceId().equals(i1)));
        assertThat(query(AuditQuery.all().between(windowStart, windowEnd))).isEqualTo(newestFirst);
        // a second criterion filters
        assertThat(query(new AuditQuery(alice, AuditAction.STOP_INSTANCE, null, null, null, 0, null)))
                .isEqualTo(select(newestFirst, r -> r.userId().equals(alice) && r.action() == AuditAction.STOP_INSTANCE));
        assertThat(query(new AuditQuery(null, AuditAction.STOP_INSTANCE, i1, null, null, 0, null)))
                .isEqualTo(select(newestFirst, r -> r.resourceId().equals(i1) && r.action() == AuditAction.STOP_INSTANCE));
        // [from, to): from inclusive, to exclusive, on every kind of query
        Instant from = written.get(2).eventTime();
        Instant to = written.get(6).eventTime();
        Function<AuditRecord, Boolean> inRange = r -> !r.eventTime().isBefore(from) && r.eventTime().isBefore(to);
        assertThat(query(AuditQuery.all().between(from, to))).isEqualTo(select(newestFirst, inRange::apply));
        assertThat(query(AuditQuery.byUser(alice).between(from, to)))
                .isEqualTo(select(newestFirst, r -> r.userId().equals(alice) && inRange.apply(r)));
        assertThat(query(AuditQuery.byUser(alice).between(from, null)))
                .isEqualTo(select(newestFirst, r -> r.userId().equals(alice) && !r.eventTime().isBefore(from)));
        assertThat(query(AuditQuery.byResource(i1).between(null, to)))
                .isEqualTo(select(newestFirst, r -> r.resourceId().equals(i1) && r.eventTime().isBefore(to)));
    }

    @Test
    void pagingThroughEveryKindOfQueryVisitsEachItemExactlyOnce() {
        String user = newId("user");
        String instance = newId("i");
        AuditAction[] actions = AuditAction.values();
        List<AuditRecord> written = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // several records share a millisecond, across actions
            if (i % 3 == 0) {
                clock.advance(Duration.ofMillis(1));
            }
            written.add(trail.begin(intent(user, actions[i % actions.length], instance)));
        }
        List<AuditRecord> newestFirst = reversed(written);
        List<AuditRecord> stops = select(newestFirst, r -> r.action() == AuditAction.STOP_INSTANCE);

        for (int pageSize : new int[] {1, 4, 7, 40, 1000}) {
            assertThat(pageThrough(AuditQuery.byUser(user).withLimit(pageSize))).as("by user, %d a page", pageSize)
                    .isEqualTo(newestFirst);
            assertThat(pageThrough(AuditQuery.byResource(instance).withLimit(pageSize))).as("by resource, %d", pageSize)
                    .isEqualTo(newestFirst);
            assertThat(pageThrough(AuditQuery.all().between(windowStart, windowEnd).withLimit(pageSize)))
                    .as("all actions, %d a page", pageSize).isEqualTo(newestFirst);
            assertThat(pageThrough(AuditQuery.byAction(AuditAction.STOP_INSTANCE).between(windowStart, windowEnd)
                    .withLimit(pageSize))).as("by action, %d a page", pageSize).isEqualTo(stops);
        }
    }

    @Test
    void aPageThatEndsExactlyAtTheLastItemHasNoNextCursor() {
        String user = newId("user");
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofMillis(3));
            trail.begin(intent(user, AuditAction.START_INSTANCE, "i-" + i));
        }
        AuditPage first = trail.query(AuditQuery.byUser(user).withLimit(3));
        AuditPage second = trail.query(AuditQuery.byUser(user).withLimit(3).withCursor(first.nextCursor()));
        assertThat(first.records()).hasSize(3);
        assertThat(second.records()).hasSize(3);
        assertThat(second.nextCursor()).isNull();
        assertThat(trail.query(AuditQuery.byUser(user).withLimit(6)).nextCursor()).isNull();
    }

    @Test
    void aTamperedCursorIsRefused() {
        String user = newId("user");
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMillis(1));
            trail.begin(intent(user, AuditAction.START_INSTANCE, "i-" + i));
        }
        String cursor = trail.query(AuditQuery.byUser(user).withLimit(2)).nextCursor();
        char last = cursor.charAt(cursor.length() / 2);
        String tampered = cursor.substring(0, cursor.length() / 2) + (last == 'A' ? 'B' : 'A')
                + cursor.substring(cursor.length() / 2 + 1);

        assertThatThrownBy(() -> trail.query(AuditQuery.byUser(user).withLimit(2).withCursor(tampered)))
                .isInstanceOf(InvalidAuditCursorException.class);
        assertThatThrownBy(() -> trail.query(AuditQuery.byUser(newId("other")).withLimit(2).withCursor(cursor)))
                .as("a cursor of another user's query").isInstanceOf(InvalidAuditCursorException.class);
        assertThatThrownBy(() -> trail.query(AuditQuery.all().withCursor(cursor)))
                .as("a cursor of another kind of query").isInstanceOf(InvalidAuditCursorException.class);
        assertThat(trail.query(AuditQuery.byUser(user).withLimit(2).withCursor(cursor)).records()).hasSize(2);
    }

    @Test
    void badQueriesAreRefusedAsBadRequests() {
        assertThatThrownBy(() -> trail.query(AuditQuery.all().withLimit(1001)))
                .isInstanceOf(InvalidAuditQueryException.class);
        assertThatThrownBy(() -> trail.query(AuditQuery.all().withLimit(-1)))
                .isInstanceOf(InvalidAuditQueryException.class);
        assertThatThrownBy(() -> trail.query(AuditQuery.all().between(windowEnd, windowStart)))
                .isInstanceOf(InvalidAuditQueryException.class)
                .satisfies(e -> assertThat(((InvalidAuditQueryException) e).kind()).isEqualTo(com.ec2manager.failure.FailureKind.INVALID_INPUT));
    }

    @Test
    void recordsWhoseTtlHasPassedAreNotReturned() {
        String user = newId("user");
        String instance = newId("i");
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMillis(1));
            trail.begin(intent(user, AuditAction.START_INSTANCE, instance));
        }
        clock.advance(Duration.ofDays(31).plusSeconds(2));
        List<AuditRecord> fresh = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMillis(1));
            fresh.add(trail.begin(intent(user, AuditAction.START_INSTANCE, instance)));
        }
        List<AuditRecord> newestFirst = reversed(fresh);

        assertThat(pageThrough(AuditQuery.byUser(user).withLimit(2))).isEqualTo(newestFirst);
        assertThat(pageThrough(AuditQuery.byResource(instance).withLimit(2))).isEqualTo(newestFirst);
        assertThat(trail.query(AuditQuery.byUser(user).withLimit(3)).nextCursor()).isNull();
        assertThat(trail.stream(AuditQuery.byUser(user)).toList()).isEqualTo(newestFirst);
    }

    @Test
    void aStreamReadsEveryMatchingRecordLazily() {
        String user = newId("user");
        List<AuditRecord> written = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofMillis(2));
            written.add(trail.begin(intent(user, AuditAction.values()[i % 4], "i-" + i)));
        }
        try (Stream<AuditRecord> stream = trail.stream(AuditQuery.all().between(windowStart, windowEnd))) {
            assertThat(stream.toList()).isEqualTo(reversed(written));
        }
        assertThat(trail.stream(AuditQuery.byUser(user)).limit(3).toList()).isEqualTo(reversed(written).subList(0, 3));
    }

    @Test
    void pendingRecordsAreFoundWithoutAScan() {
        String user = newId("user");
        AuditRecord first = trail.begin(intent(user, AuditAction.STOP_INSTANCE, "i-1"));
        clock.advance(Duration.ofSeconds(1));
        AuditRecord settled = trail.begin(intent(user, AuditAction.START_INSTANCE, "i-2"));
        clock.advance(Duration.ofSeconds(1));
        AuditRecord second = trail.begin(intent(user, AuditAction.CREATE_USER, "u-3"));
        trail.complete(settled.key(), AuditResult.succeeded("pending", null));
        trail.record(intent(user, AuditAction.SIGN_IN, user), AuditResult.succeeded(null, null));

        List<String> operations = Collections.synchronizedList(new ArrayList<>());
        try (DynamoDbClient observed = DynamoDbClients.local(TestLocalStack.get().dynamoDbEndpoint(), operations)) {
            AuditTrail observedTrail = new AuditTrail(observed, properties, clock, cursors);
            assertThat(observedTrail.findPendingBetween(windowStart, windowEnd).records()).containsExactly(first, second);
        }
        assertThat(operations).isNotEmpty().containsOnly("Query");
    }

    @Test
    void theHealthOfDynamoDbIsUpWhenTheTableIsActive() {
        var result = health.health(true);
        assertThat(result.getStatus()).isEqualTo(Status.UP);
        assertThat(result.getDetails()).containsEntry("table", properties.tableName()).containsEntry("status", "ACTIVE");
    }

    private List<AuditRecord> query(AuditQuery query) {
        AuditPage page = trail.query(query);
        assertThat(page.nextCursor()).isNull();
        return page.records();
    }

    private List<AuditRecord> pageThrough(AuditQuery query) {
        List<AuditRecord> visited = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            AuditPage page = trail.query(query.withCursor(cursor));
            assertThat(page.records()).isNotEmpty().hasSizeLessThanOrEqualTo(query.pageSize());
            if (page.nextCursor() != null) {
                assertThat(page.records()).hasSize(query.pageSize());
            }
            visited.addAll(page.records());
            cursor = page.nextCursor();
            assertThat(++pages).isLessThan(1000);
        } while (cursor != null);
        assertThat(visited.stream().map(AuditRecord::key).collect(Collectors.toSet())).hasSize(visited.size());
        assertThat(visited).isSortedAccordingTo(Comparator.comparing(AuditRecord::timestamp).reversed());
        return visited;
    }

    private static List<AuditRecord> reversed(List<AuditRecord> records) {
        List<AuditRecord> copy = new ArrayList<>(records);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static List<AuditRecord> select(List<AuditRecord> records, java.util.function.Predicate<AuditRecord> which) {
        return records.stream().filter(which).toList();
    }

    private Map<String, AttributeValue> rawItem(AuditKey key) {
        return dynamoDb.getItem(r -> r.tableName(properties.tableName()).consistentRead(true).key(Map.of(
                "userId", AttributeValue.fromS(key.userId()), "timestamp", AttributeValue.fromS(key.timestamp())))).item();
    }

    private static AuditIntent intent(String user, AuditAction action, String resourceId) {
        ResourceType type = action.name().endsWith("INSTANCE") ? ResourceType.EC2_INSTANCE : ResourceType.USER;
        return new AuditIntent(new AuditActor(user, user + "@example.com", "127.0.0.1", "test"), action, type,
                resourceId, AuditDetails.ofInstance("t3.micro", "running", "us-east-1", null), "req-" + UUID.randomUUID());
    }

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
