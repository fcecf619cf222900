package com.ec2manager.bench;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.ec2manager.action.AbandonedRecords;
import com.ec2manager.action.PendingJudge;
import com.ec2manager.action.PendingReconciler;
import com.ec2manager.action.ReconcilerCheckpoint;
import com.ec2manager.action.ReconcilerProperties;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditCursorCodec;
import com.ec2manager.audit.AuditProperties;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
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
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Items DynamoDB reads for one reconciler pass, the old way and the new way, side by side.
 *
 * <p>Loads {@code --records} audit records (default 1,000,000) spread over the 31-day retention,
 * {@code --in-flight} of them (default 10) PENDING, then measures:
 * <ul>
 *   <li>the old pass: one Query per action on ActionIndex over the whole retention window with a
 *       FilterExpression on the outcome — what every pass did before, twice a minute per node;</li>
 *   <li>the new pass in steady state: the application's {@link PendingReconciler} one interval
 *       after its previous pass, reading the records written since then and re-reading those in
 *       flight;</li>
 *   <li>for honesty, the new reconciler's very first pass ever (no checkpoint yet), which reads the
 *       initial look-back once.</li>
 * </ul>
 * Items read is DynamoDB's ScannedCount (plus one per in-flight key re-read) — what a pass costs
 * in read capacity; times are printed beside it.
 *
 * <pre>java -Dloader.main=com.ec2manager.bench.ReconcilerBenchmark -cp bench/target/ec2-manager-bench.jar \
 *     org.springframework.boot.loader.launch.PropertiesLauncher [--records N] [--in-flight N]</pre>
 */
public final class ReconcilerBenchmark {

    private static final Duration RETENTION = Duration.ofDays(31);
    private static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final Duration GRACE = Duration.ofMinutes(2);

    public static void main(String[] args) throws Exception {
        int records = 1_000_000;
        int inFlight = 10;
        Path dataDir = Path.of("bench", "target", "bench-data");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--records" -> records = Integer.parseInt(args[++i].replace("_", ""));
                case "--in-flight" -> inFlight = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var settings = new DynamoDbLocalSettings("127.0.0.1", port, dataDir.toAbsolutePath(), true, 6144,
                Duration.ofSeconds(60));
        try (DynamoDbLocalProcess local = DynamoDbLocalProcess.start(settings);
             DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(local.endpoint())
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                     .httpClient(ApacheHttpClient.builder().maxConnections(64).build())
                     .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMinutes(10)))
                     .build()) {
            AuditProperties properties = AuditProperties.defaults();
            new AuditTableBootstrap(dynamoDb, properties, true).ensureTable();
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            SettableClock clock = new SettableClock(Instant.now());
            AuditTrail trail = new AuditTrail(dynamoDb, properties, clock, new AuditCursorCodec(secret));
            System.out.printf("%nEC2 Manager reconciler benchmark — DynamoDB Local (in memory), %d processors, Java %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

            Instant now = clock.instant();
            load(dynamoDb, properties.tableName(), records, inFlight, now);

            // the new reconciler: a first pass ever, then the steady state one interval later
            ReconcilerProperties reconciler = new ReconcilerProperties(false, INTERVAL, GRACE, Duration.ZERO, RETENTION,
                    "ec2-manager-reconciler");
            ReconcilerCheckpoint checkpoint = new ReconcilerCheckpoint(dynamoDb, reconciler.checkpointTable(),
                    "bench-" + UUID.randomUUID());
            checkpoint.createTableIfMissing();
            PendingReconciler pass = new PendingReconciler(trail, List.of(new CannotTellYet()), new AbandonedRecords(),
                    checkpoint, reconciler, clock);

            long oldStarted = System.nanoTime();
            AuditTrail.PendingScan old = trail.findPendingBetween(now.minus(RETENTION), now.minus(GRACE));
            double oldSeconds = (System.nanoTime() - oldStarted) / 1e9;

            long firstStarted = System.nanoTime();
            PendingReconciler.Pass first = pass.reconcile();
            double firstSeconds = (System.nanoTime() - firstStarted) / 1e9;

            // one interval later, with the records the fleet writes in an interval at the loaded rate
            int perInterval = (int) Math.max(1, Math.round(records / (double) RETENTION.dividedBy(INTERVAL)));
            clock.set(now.plus(INTERVAL));
            writeNew(dynamoDb, properties.tableName(), perInterval, now.minus(GRACE), INTERVAL);
            long newStarted = System.nanoTime();
            PendingReconciler.Pass steady = pass.reconcile();
            double newSeconds = (System.nanoTime() - newStarted) / 1e9;

            System.out.printf("%nOne reconciler pass over %,d records (%d PENDING in flight, %d written per %s interval):%n",
                    records, inFlight, perInterval, INTERVAL.toMinutes() + "-minute");
            System.out.printf("  %-52s %12s %10s%n", "", "items read", "time");
            System.out.printf("  %-52s %,12d %9.2fs%n", "old: ActionIndex over 31 days, filter on outcome", old.itemsRead(),
                    oldSeconds);
            System.out.printf("  %-52s %,12d %9.2fs%n", "new: in flight + written since the last pass", steady.itemsRead(),
                    newSeconds);
            System.out.printf("  %-52s %12.0fx %9.0fx%n", "old / new", old.itemsRead() / (double) Math.max(1, steady.itemsRead()),
                    oldSeconds / Math.max(1e-9, newSeconds));
            System.out.printf("  %-52s %,12d %9.2fs%n", "new, first pass ever (no checkpoint: reads the look-back once)",
                    first.itemsRead(), firstSeconds);
            System.out.printf("  PENDING found: old %d, new in flight after the steady pass %d%n", old.records().size(),
                    steady.inFlight());
        }
    }

    /** A judge that cannot tell yet: the benchmark's PENDING records stay in flight and the table is not changed. */
    private static final class CannotTellYet implements PendingJudge {
        @Override
        public boolean owns(AuditRecord record) {
            return true;
        }

        @Override
        public AuditResult judge(AuditRecord record) {
            throw new IllegalStateException("the benchmark leaves its records in flight");
        }

        @Override
        public Duration callTimeout() {
            return Duration.ofSeconds(20);
        }
    }

    private static void load(DynamoDbClient dynamoDb, String table, int records, int inFlight, Instant now)
            throws Exception {
        System.out.printf("%nLoading %,d records over the last 31 days (%d of them PENDING)...%n", records, inFlight);
        long started = System.nanoTime();
        Instant oldest = now.minus(RETENTION).plusSeconds(60);
        long span = Duration.between(oldest, now.minus(GRACE).minusSeconds(1)).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicLong loaded = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        int batch = 25;
        long pendingEvery = Math.max(1, records / Math.max(1, inFlight));
        for (int start = 0; start < records; start += batch) {
            int from = start;
            int to = Math.min(records, start + batch);
            futures.add(pool.submit(() -> {
                List<WriteRequest> writes = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    Instant at = oldest.plusNanos(span / records * i);
                    boolean pending = inFlight > 0 && i % pendingEvery == pendingEvery - 1;
                    writes.add(put(i, at, pending));
                }
                batchWrite(dynamoDb, table, writes);
                long n = loaded.addAndGet(to - from);
                if (n % 100_000 < batch) {
                    System.out.printf("  %,d loaded (%.0f/s)%n", n, n / ((System.nanoTime() - started) / 1e9));
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        System.out.printf("  loaded in %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static void writeNew(DynamoDbClient dynamoDb, String table, int count, Instant from, Duration span) {
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            writes.add(put(-1 - i, from.plusNanos(span.toNanos() / count * i), false));
            if (writes.size() == 25) {
                batchWrite(dynamoDb, table, writes);
                writes = new ArrayList<>();
            }
        }
        if (!writes.isEmpty()) {
            batchWrite(dynamoDb, table, writes);
        }
    }

    private static void batchWrite(DynamoDbClient dynamoDb, String table, List<WriteRequest> writes) {
        Map<String, List<WriteRequest>> pending = Map.of(table, writes);
        while (!pending.getOrDefault(table, List.of()).isEmpty()) {
            Map<String, List<WriteRequest>> request = pending;
            pending = dynamoDb.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
        }
    }

    /** An item of the audit table's shape, written without the audit trail (fixture loading, not auditing). */
    private static WriteRequest put(int i, Instant at, boolean pending) {
        String user = String.format("bench-user-%03d", Math.floorMod(i, 100));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("userId", AttributeValue.fromS(user));
        item.put("timestamp", AttributeValue.fromS(AuditTimestamps.format(at)));
        item.put("eventId", AttributeValue.fromS(UUID.randomUUID().toString()));
        item.put("action", AttributeValue.fromS(AuditAction.values()[Math.floorMod(i, 4)].name()));
        item.put("resourceType", AttributeValue.fromS(ResourceType.EC2_INSTANCE.name()));
        item.put("resourceId", AttributeValue.fromS(String.format("i-bench-%04d", Math.floorMod(i / 7, 1000))));
        item.put("userEmail", AttributeValue.fromS(user + "@example.com"));
        item.put("outcome", AttributeValue.fromS(pending ? "PENDING" : "SUCCEEDED"));
        item.put("ttl", AttributeValue.fromN(Long.toString(at.getEpochSecond() + RETENTION.toSeconds())));
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    /** The benchmark's clock: moved one interval on between the passes. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
