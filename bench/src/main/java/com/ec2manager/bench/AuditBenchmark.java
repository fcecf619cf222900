package com.ec2manager.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditCursorCodec;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditPage;
import com.ec2manager.audit.AuditProperties;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditTableBootstrap;
import com.ec2manager.audit.AuditTimestamps;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.localaws.dynamodb.DynamoDbLocalProcess;
import com.ec2manager.localaws.dynamodb.DynamoDbLocalSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The audit trail against raw DynamoDB calls, on one DynamoDB Local started here:
 * <ol>
 *   <li>writes per second with 8 concurrent writers: {@link AuditTrail#begin} against the bare
 *       conditional PutItem of the same item (rounds alternate, the medians are compared);</li>
 *   <li>the time of one 50-record page by user (the table), by action (ActionIndex), by resource
 *       (ResourceIndex) and across all actions (ActionIndex, merged) over the loaded records,
 *       against the raw Query (Queries, for the merge) that fetch the same page.</li>
 * </ol>
 * The records are loaded once per data folder (with BatchWriteItem: fixture loading, not
 * auditing) and reused by later runs.
 */
final class AuditBenchmark {

    private static final int WRITERS = 8;
    private static final int PAGE = 50;
    private static final int USERS = 100;
    private static final int RESOURCES = 1000;
    private static final String TABLE = "ec2-audit-logs";

    record Options(int records, Path dataDir, boolean inMemory, Duration writeRound, int pageRuns) {

        static Options defaults() {
            return new Options(100_000, Path.of("bench", "target", "bench-data"), true, Duration.ofSeconds(8), 200);
        }

        Options withRecords(int n) {
            return new Options(n, dataDir, inMemory, writeRound, pageRuns);
        }

        Options withDataDir(Path dir) {
            return new Options(records, dir, inMemory, writeRound, pageRuns);
        }

        Options onDisk() {
            return new Options(records, dataDir, false, writeRound, pageRuns);
        }

        Options withWriteRound(Duration round) {
            return new Options(records, dataDir, inMemory, round, pageRuns);
        }

        Options withPageRuns(int runs) {
            return new Options(records, dataDir, inMemory, writeRound, runs);
        }
    }

    private final Options options;
    private int warmUpRuns = 300;

    AuditBenchmark(Options options) {
        this.options = options;
    }

    void run() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var settings = new DynamoDbLocalSettings("127.0.0.1", port, options.dataDir().toAbsolutePath(),
                options.inMemory(), 2048,
                Duration.ofSeconds(60));
        try (DynamoDbLocalProcess local = DynamoDbLocalProcess.start(settings);
             DynamoDbClient dynamoDb = DynamoDbClient.builder()
                     .endpointOverride(local.endpoint())
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                     .httpClient(ApacheHttpClient.builder().maxConnections(64).build())
                     .build()) {
            AuditProperties properties = AuditProperties.defaults();
            new AuditTableBootstrap(dynamoDb, properties, true).ensureTable();
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            AuditTrail trail = new AuditTrail(dynamoDb, properties, Clock.systemUTC(), new AuditCursorCodec(secret));

            System.out.printf("%nEC2 Manager audit benchmark — DynamoDB Local 2.6.1 (%s) on %s, %d processors, Java %s%n",
                    options.inMemory() ? "in memory" : "on disk in " + options.dataDir(), local.endpoint(),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            load(dynamoDb);
            writes(dynamoDb, trail);
            pages(dynamoDb, trail);
        }
    }

    // ---- writes ------------------------------------------------------------------------------

    private void writes(DynamoDbClient dynamoDb, AuditTrail trail) throws Exception {
        System.out.printf("%nWrites: %d concurrent writers, rounds of %d s, alternating%n", WRITERS,
                options.writeRound().toSeconds());
        Map<String, java.util.function.IntFunction<Runnable>> kinds = new java.util.LinkedHashMap<>();
        AtomicLong rawSequence = new AtomicLong();
        String rawBase = AuditTimestamps.format(Instant.now()).substring(0, 20);
        kinds.put("raw conditional PutItem", writer -> () -> {
            long n = rawSequence.incrementAndGet();
            Map<String, AttributeValue> item = item("bench-raw-" + writer,
                    rawBase + String.format("%09dZ", n), AuditAction.values()[(int) (n % 12)], "i-bench-w" + writer,
                    Instant.now(), UUID.randomUUID().toString());
            dynamoDb.putItem(r -> r.tableName(TABLE).item(item)
                    .conditionExpression("attribute_not_exists(#uid) AND attribute_not_exists(#ts)")
                    .expressionAttributeNames(Map.of("#uid", "userId", "#ts", "timestamp")));
        });
        AtomicLong auditedSequence = new AtomicLong();
        kinds.put("AuditTrail.begin", writer -> () -> {
            long n = auditedSequence.incrementAndGet();
            trail.begin(new AuditIntent(new AuditActor("bench-audited-" + writer, "w" + writer + "@example.com",
                    "203.0.113.1", "bench"), AuditAction.values()[(int) (n % 12)], ResourceType.EC2_INSTANCE,
                    "i-bench-w" + writer, AuditDetails.ofInstance("t3.micro", "running", "us-east-1", null),
                    "req-" + n));
        });
        for (int w = 0; w < 2; w++) {  // warm-up: DynamoDB Local's JIT and ours
            for (var kind : kinds.entrySet()) {
                round(kind.getValue(), Duration.ofSeconds(3));
            }
        }
        Map<String, List<Double>> rates = new HashMap<>();
        List<Map.Entry<String, java.util.function.IntFunction<Runnable>>> order = new ArrayList<>(kinds.entrySet());
        for (int r = 0; r < 5; r++) {
            java.util.Collections.reverse(order);  // neither kind always goes first
            for (var kind : order) {
                double rate = round(kind.getValue(), options.writeRound());
                rates.computeIfAbsent(kind.getKey(), k -> new ArrayList<>()).add(rate);
                System.out.printf("  round %d  %-24s %8.1f writes/s%n", r + 1, kind.getKey(), rate);
            }
        }
        double raw = median(rates.get("raw conditional PutItem"));
        double audited = median(rates.get("AuditTrail.begin"));
        System.out.printf("  median: raw %.1f/s, audited %.1f/s -> audited/raw = %.2f (target >= 0.90)%n",
                raw, audited, audited / raw);
    }

    private static double round(java.util.function.IntFunction<Runnable> writerTask, Duration length) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        AtomicLong done = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        long[] window = new long[2];
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Runnable task = writerTask.apply(w);
            futures.add(pool.submit(() -> {
                start.await();
                long end = window[1];
                while (System.nanoTime() < end) {
                    task.run();
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + length.toNanos();
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - window[0]) / 1e9;
        pool.shutdown();
        return done.get() / seconds;
    }

    // ---- pages -------------------------------------------------------------------------------

    private void pages(DynamoDbClient dynamoDb, AuditTrail trail) {
        System.out.printf("%nPages of %d over %,d loaded records (median / p90 of %d runs each, alternating)%n",
                PAGE, options.records(), options.pageRuns());
        String user = "bench-user-007";
        String resource = "i-bench-0042";
        AuditAction action = AuditAction.STOP_INSTANCE;
        compare("by user (table)", () -> trail.query(AuditQuery.byUser(user).withLimit(PAGE)),
                () -> rawQuery(dynamoDb, null, "userId", user, null).count());
        String cursor = trail.query(AuditQuery.byUser(user).withLimit(PAGE)).nextCursor();
        Map<String, AttributeValue> rawStart = rawQuery(dynamoDb, null, "userId", user, null).lastEvaluatedKey();
        if (cursor != null) {
            compare("by user, next page", () -> trail.query(AuditQuery.byUser(user).withLimit(PAGE).withCursor(cursor)),
                    () -> rawQuery(dynamoDb, null, "userId", user, rawStart).count());
        }
        compare("by action (ActionIndex)", () -> trail.query(AuditQuery.byAction(action).withLimit(PAGE)),
                () -> rawQuery(dynamoDb, "ActionIndex", "action", action.name(), null).count());
        compare("by resource (ResourceIndex)", () -> trail.query(AuditQuery.byResource(resource).withLimit(PAGE)),
                () -> rawQuery(dynamoDb, "ResourceIndex", "resourceId", resource, null).count());
        compare("all actions (merged)", () -> trail.query(AuditQuery.all().withLimit(PAGE)),
                () -> rawMerged(dynamoDb).size());
        AuditPage check = trail.query(AuditQuery.all().withLimit(PAGE));
        System.out.printf("  (check: the merged page has %d records, newest %s)%n", check.records().size(),
                check.records().isEmpty() ? "-" : check.records().get(0).timestamp());
    }

    private void compare(String name, Supplier<AuditPage> ours, Supplier<Integer> raw) {
        int expectedSize = raw.get();
        for (int i = 0; i < warmUpRuns; i++) {  // until the JIT has compiled both paths
            ours.get();
            raw.get();
        }
        long[] oursNanos = new long[options.pageRuns()];
        long[] rawNanos = new long[options.pageRuns()];
        for (int i = 0; i < options.pageRuns(); i++) {
            // alternate which side goes first, so that neither always pays for the other's garbage
            if (i % 2 == 1) {
                rawNanos[i] = timed(raw);
            }
            long t0 = System.nanoTime();
            AuditPage page = ours.get();
            oursNanos[i] = System.nanoTime() - t0;
            if (i % 2 == 0) {
                rawNanos[i] = timed(raw);
            }
            if (page.records().size() != Math.min(PAGE, expectedSize)) {
                throw new IllegalStateException(name + ": a page of " + page.records().size() + ", the raw one had "
                        + expectedSize);
            }
        }
        double o = percentile(oursNanos, 50);
        double r = percentile(rawNanos, 50);
        System.out.printf("  %-28s audit %6.2f ms (p90 %6.2f)   raw %6.2f ms (p90 %6.2f)   audit/raw = %.2f (target <= 1.20)%n",
                name, o / 1e6, percentile(oursNanos, 90) / 1e6, r / 1e6, percentile(rawNanos, 90) / 1e6, o / r);
    }

    private static long timed(Supplier<?> work) {
        long t0 = System.nanoTime();
        work.get();
        return System.nanoTime() - t0;
    }

    private static QueryResponse rawQuery(DynamoDbClient dynamoDb, String index, String hashName, String hashValue,
                                          Map<String, AttributeValue> startKey) {
        QueryRequest.Builder request = QueryRequest.builder().tableName(TABLE).indexName(index)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", hashName))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(hashValue)))
                .scanIndexForward(false)
                .limit(PAGE);
        if (startKey != null && !startKey.isEmpty()) {
            request.exclusiveStartKey(startKey);
        }
        return dynamoDb.query(request.build());
    }

    private static List<Map<String, AttributeValue>> rawMerged(DynamoDbClient dynamoDb) {
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        for (AuditAction action : AuditAction.values()) {
            all.addAll(rawQuery(dynamoDb, "ActionIndex", "action", action.name(), null).items());
        }
        all.sort(Comparator.comparing((Map<String, AttributeValue> i) -> i.get("timestamp").s()).reversed());
        return all.subList(0, Math.min(PAGE, all.size()));
    }

    // ---- loading -----------------------------------------------------------------------------

    private void load(DynamoDbClient dynamoDb) throws Exception {
        Path marker = options.dataDir().resolve("loaded-" + options.records());
        if (!options.inMemory() && Files.exists(marker)) {
            System.out.printf("%nUsing the %,d records loaded earlier in %s%n", options.records(), options.dataDir());
            return;
        }
        System.out.printf("%nLoading %,d records (users %d, resources %d, 12 actions, over the last 20 days)...%n",
                options.records(), USERS, RESOURCES);
        long started = System.nanoTime();
        Instant end = Instant.now().minusSeconds(3600);
        long spanNanos = Duration.ofDays(20).toNanos();
        int threads = 16;
        int batch = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong loaded = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        for (int start = 0; start < options.records(); start += batch) {
            int from = start;
            int to = Math.min(options.records(), start + batch);
            futures.add(pool.submit(() -> {
                List<WriteRequest> writes = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    Instant at = end.minusNanos(spanNanos / options.records() * (options.records() - i));
                    String ts = AuditTimestamps.format(at);
                    writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(
                            String.format("bench-user-%03d", i % USERS), ts, AuditAction.values()[i % 12],
                            String.format("i-bench-%04d", (i / 7) % RESOURCES), at, UUID.randomUUID().toString()))
                            .build()).build());
                }
                Map<String, List<WriteRequest>> pending = Map.of(TABLE, writes);
                while (!pending.isEmpty() && !pending.getOrDefault(TABLE, List.of()).isEmpty()) {
                    Map<String, List<WriteRequest>> request = pending;
                    BatchWriteItemResponse response = dynamoDb.batchWriteItem(r -> r.requestItems(request));
                    pending = response.unprocessedItems();
                }
                long n = loaded.addAndGet(to - from);
                if (n % 10_000 < batch) {
                    System.out.printf("  %,d loaded (%.0f/s)%n", n, n / ((System.nanoTime() - started) / 1e9));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        if (!options.inMemory()) {
            Files.writeString(marker, Instant.now().toString());
        }
        System.out.printf("  loaded in %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** An item of the audit table's shape (see AuditItems), written without the audit trail. */
    private static Map<String, AttributeValue> item(String user, String timestamp, AuditAction action, String resource,
                                                    Instant at, String eventId) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("userId", AttributeValue.fromS(user));
        item.put("timestamp", AttributeValue.fromS(timestamp));
        item.put("eventId", AttributeValue.fromS(eventId));
        item.put("action", AttributeValue.fromS(action.name()));
        item.put("resourceType", AttributeValue.fromS(ResourceType.EC2_INSTANCE.name()));
        item.put("resourceId", AttributeValue.fromS(resource));
        item.put("userEmail", AttributeValue.fromS(user + "@example.com"));
        item.put("details", AttributeValue.fromM(Map.of("instanceType", AttributeValue.fromS("t3.micro"),
                "previousState", AttributeValue.fromS("running"), "region", AttributeValue.fromS("us-east-1"))));
        item.put("ipAddress", AttributeValue.fromS("203.0.113.1"));
        item.put("userAgent", AttributeValue.fromS("bench"));
        item.put("requestId", AttributeValue.fromS("req-" + eventId.substring(0, 8)));
        item.put("outcome", AttributeValue.fromS("SUCCEEDED"));
        item.put("completedAt", AttributeValue.fromS(at.toString()));
        item.put("ttl", AttributeValue.fromN(Long.toString(at.getEpochSecond() + 2_678_400L)));
        return item;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static double percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }
}
