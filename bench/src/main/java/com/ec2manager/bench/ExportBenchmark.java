package com.ec2manager.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.ec2manager.Ec2ManagerApplication;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditTimestamps;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.localaws.cognito.CognitoEmulator;
import com.ec2manager.localaws.cognito.CognitoEmulatorSettings;
import com.ec2manager.localaws.dynamodb.DynamoDbLocalProcess;
import com.ec2manager.localaws.dynamodb.DynamoDbLocalSettings;
import com.ec2manager.localaws.ec2.Ec2Emulator;
import com.ec2manager.localaws.ec2.Ec2EmulatorSettings;
import com.ec2manager.localaws.ec2.FleetSpec;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The audit export, {@code GET /api/v1/audit/export?format=csv|jsonl}, over 100,000 records: the
 * whole application runs in this JVM in local mode against a DynamoDB Local of its own (in
 * memory, a separate process), so that the heap measured here is the application's. Each format
 * is downloaded once (after one warm-up download of the other format's first rows is not needed:
 * the first run is a warm-up of both, then one measured run of each) while a thread samples the
 * used heap every 50 ms, and a full GC is forced at a quarter, half and three quarters of the rows
 * to see the live heap in the middle of the export. An export held in memory would grow the live
 * heap by at least its own size; a streamed one stays flat.
 *
 * <p>System properties: {@code bench.records} (default 100000), {@code bench.dataDir} (default
 * {@code bench/target/export-bench}). Run it with a small heap ({@code -Xmx192m}) to see that
 * the export does not need more.
 */
public final class ExportBenchmark {

    private static final String TABLE = "ec2-audit-logs";
    private static final int USERS = 100;
    private static final int RESOURCES = 1000;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private ExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = Integer.getInteger("bench.records", 100_000);
        Path dataDir = Path.of(System.getProperty("bench.dataDir", "bench/target/export-bench"))
                .resolve(UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dataDir);
        String host = "127.0.0.1";
        var dynamoSettings = new DynamoDbLocalSettings(host, freePort(), dataDir.resolve("dynamodb"), true, 1024,
                Duration.ofSeconds(60));
        try (DynamoDbLocalProcess dynamoLocal = DynamoDbLocalProcess.start(dynamoSettings);
             CognitoEmulator cognito = CognitoEmulator.start(CognitoEmulatorSettings.defaults(host, freePort(), dataDir));
             Ec2Emulator ec2 = Ec2Emulator.start(Ec2EmulatorSettings.localMode(host, freePort(), dataDir.resolve("ec2"))
                     .withFleet(new FleetSpec(List.of("us-east-1"), 10, FleetSpec.DEFAULT_SEED)), Clock.systemUTC())) {
            int port = freePort();
            ConfigurableApplicationContext app = new SpringApplication(Ec2ManagerApplication.class).run(
                    "--server.port=" + port,
                    "--ec2manager.local.start-stack=false",
                    "--ec2manager.local.data-dir=" + dataDir,
                    "--ec2manager.local.dynamodb-port=" + dynamoLocal.endpoint().getPort(),
                    "--ec2manager.local.ec2-port=" + ec2.endpoint().getPort(),
                    "--ec2manager.local.cognito-port=" + cognito.endpoint().getPort(),
                    "--ec2manager.instances.regions=us-east-1",
                    "--ec2manager.audit.reconciler.enabled=false",
                    "--ec2manager.stream.enabled=false",
                    "--logging.level.root=WARN");
            try (DynamoDbClient dynamoDb = DynamoDbClient.builder()
                    .endpointOverride(dynamoLocal.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                    .httpClient(ApacheHttpClient.builder().maxConnections(32).build())
                    .build()) {
                System.out.printf("%nEC2 Manager export benchmark: %,d records, DynamoDB Local in memory, %d processors, "
                        + "Java %s, max heap %d MB%n", records, Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
                load(dynamoDb, records);
            }
            String base = "http://127.0.0.1:" + port;
            String token = accessToken(cognito);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            // warm-up: the JIT, the connection pools and the first pages of both formats
            for (String format : List.of("csv", "jsonl")) {
                download(client, base, token, format, 0, null);
            }
            System.out.printf("%n%-6s %9s %13s %8s %9s %14s %16s %s%n", "format", "rows", "bytes", "seconds", "rows/s",
                    "peak used +MB", "live mid +MB", "(live after GC at 25/50/75 %)");
            boolean ok = true;
            for (String format : List.of("csv", "jsonl")) {
                Result result = measure(client, base, token, format, records);
                int headerLines = "csv".equals(format) ? 1 : 0;
                boolean countOk = result.lines() == records + headerLines;
                ok &= countOk;
                System.out.printf("%-6s %,9d %,13d %8.2f %,9.0f %14.1f %16.1f (%s) lines %,d = %,d records%s -> %s%n",
                        format, result.lines() - headerLines, result.bytes(), result.seconds(),
                        (result.lines() - headerLines) / result.seconds(), result.peakGrowthMb(),
                        result.maxLiveGrowthMb(), result.liveGrowths(), result.lines(), records,
                        headerLines == 1 ? " + header" : "", countOk ? "OK" : "MISMATCH");
            }
            System.out.printf("%nBaseline: used heap after a full GC before each export; 'peak used' includes garbage "
                    + "not yet collected (sampled every 50 ms); 'live mid' is the used heap after a full GC forced "
                    + "while the export is running.%n");
            app.close();
            if (!ok) {
                throw new IllegalStateException("an export did not have one line per record");
            }
        }
    }

    private record Result(long lines, long bytes, double seconds, double peakGrowthMb, double maxLiveGrowthMb,
                          String liveGrowths) {
    }

    private static Result measure(HttpClient client, String base, String token, String format, int records)
            throws Exception {
        long baseline = liveHeap();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        List<Long> live = new ArrayList<>();
        long started = System.nanoTime();
        sampler.start();
        long[] counted = download(client, base, token, format, records, lines -> live.add(liveHeap()));
        double seconds = (System.nanoTime() - started) / 1e9;
        running.set(false);
        sampler.join();
        StringBuilder growths = new StringBuilder();
        double maxLive = 0;
        for (long l : live) {
            double mb = (l - baseline) / 1048576.0;
            maxLive = Math.max(maxLive, mb);
            growths.append(growths.isEmpty() ? "" : " / ").append(String.format("%.1f", mb));
        }
        return new Result(counted[0], counted[1], seconds, (peak.get() - baseline) / 1048576.0, maxLive,
                growths.toString());
    }

    /** Called when the client has read a quarter, half, three quarters of the expected lines. */
    private interface Checkpoint {
        void at(long lines);
    }

    /** Downloads the export, counting lines and bytes without keeping them; returns {lines, bytes}. */
    private static long[] download(HttpClient client, String base, String token, String format, int expectedRows,
                                   Checkpoint checkpoint) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/audit/export?format=" + format))
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("export " + format + " answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes()));
        }
        long lines = 0;
        long bytes = 0;
        int nextCheckpoint = 1;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                if (checkpoint != null && nextCheckpoint <= 3 && lines >= (long) expectedRows * nextCheckpoint / 4) {
                    checkpoint.at(lines);
                    nextCheckpoint++;
                }
            }
        }
        return new long[] {lines, bytes};
    }

    private static long liveHeap() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    // ---- fixture loading (BatchWriteItem; not auditing) ----------------------------------------

    static void load(DynamoDbClient dynamoDb, int records) throws Exception {
        System.out.printf("Loading %,d records with BatchWriteItem (fixture loading)...%n", records);
        long started = System.nanoTime();
        Instant end = Instant.now().minusSeconds(3600);
        long spanNanos = Duration.ofDays(20).toNanos();
        int batch = 25;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> futures = new ArrayList<>();
        for (int start = 0; start < records; start += batch) {
            int from = start;
            int to = Math.min(records, start + batch);
            futures.add(pool.submit(() -> {
                List<WriteRequest> writes = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    Instant at = end.minusNanos(spanNanos / records * (records - i));
                    writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(i, at)).build()).build());
                }
                Map<String, List<WriteRequest>> pending = Map.of(TABLE, writes);
                while (!pending.getOrDefault(TABLE, List.of()).isEmpty()) {
                    Map<String, List<WriteRequest>> request = pending;
                    BatchWriteItemResponse response = dynamoDb.batchWriteItem(r -> r.requestItems(request));
                    pending = response.unprocessedItems();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("  loaded in %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** An item of the audit table's shape, with a reason that needs CSV quoting now and then. */
    private static Map<String, AttributeValue> item(int i, Instant at) {
        String user = String.format("bench-user-%03d", i % USERS);
        String eventId = UUID.randomUUID().toString();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("userId", AttributeValue.fromS(user));
        item.put("timestamp", AttributeValue.fromS(AuditTimestamps.format(at)));
        item.put("eventId", AttributeValue.fromS(eventId));
        item.put("action", AttributeValue.fromS(AuditAction.values()[i % 12].name()));
        item.put("resourceType", AttributeValue.fromS(ResourceType.EC2_INSTANCE.name()));
        item.put("resourceId", AttributeValue.fromS(String.format("i-bench-%04d", (i / 7) % RESOURCES)));
        item.put("userEmail", AttributeValue.fromS(user + "@example.com"));
        item.put("details", AttributeValue.fromM(Map.of("instanceType", AttributeValue.fromS("t3.micro"),
                "previousState", AttributeValue.fromS("running"), "region", AttributeValue.fromS("us-east-1"),
                "reason", AttributeValue.fromS(i % 10 == 0 ? "patching, \"urgent\"" : "maintenance window " + i))));
        item.put("ipAddress", AttributeValue.fromS("203.0.113.1"));
        item.put("userAgent", AttributeValue.fromS("bench"));
        item.put("requestId", AttributeValue.fromS("req-" + eventId.substring(0, 8)));
        item.put("outcome", AttributeValue.fromS("SUCCEEDED"));
        item.put("completedAt", AttributeValue.fromS(at.toString()));
        item.put("ttl", AttributeValue.fromN(Long.toString(at.getEpochSecond() + 2_678_400L)));
        return item;
    }

    static String accessToken(CognitoEmulator cognito) {
        try (CognitoIdentityProviderClient client = CognitoIdentityProviderClient.builder()
                .endpointOverride(cognito.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench-secret")))
                .build()) {
            return client.initiateAuth(b -> b.authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .clientId(cognito.clientId())
                    .authParameters(Map.of("USERNAME", "admin@example.com",
                            "PASSWORD", CognitoEmulatorSettings.defaultSeedUsers().get(0).password())))
                    .authenticationResult().accessToken();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
