package com.ec2manager.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ec2manager.Ec2ManagerApplication;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.integrity.AuditVerifier;
import com.ec2manager.integrity.VerificationReport;
import com.ec2manager.localaws.cognito.CognitoEmulator;
import com.ec2manager.localaws.cognito.CognitoEmulatorSettings;
import com.ec2manager.localaws.dynamodb.DynamoDbLocalProcess;
import com.ec2manager.localaws.dynamodb.DynamoDbLocalSettings;
import com.ec2manager.localaws.ec2.Ec2Emulator;
import com.ec2manager.localaws.ec2.Ec2EmulatorSettings;
import com.ec2manager.localaws.ec2.FleetSpec;
import com.ec2manager.localaws.s3.S3Emulator;
import com.ec2manager.localaws.s3.S3EmulatorSettings;
import com.ec2manager.stream.AuditChange;
import com.ec2manager.stream.ChangeListener;
import com.ec2manager.stream.StreamLag;
import com.sun.net.httpserver.HttpServer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The audit stream end to end, the whole application in this JVM in local mode (DynamoDB Local
 * in memory in its own process, the S3 emulator): in one run,
 * <ol>
 *   <li>the leased consumer against 8 writers at full speed: the write rate, and the consumer's
 *       lag (from a record's write to its processing) p50/p95/max against it, target p95 &lt; 5 s;</li>
 *   <li>the live feed: write → SSE event at an API client, p50/p95 (target p95 ≤ 2 s);</li>
 *   <li>webhooks: write → delivery at a local receiver, p50/p95 (target p95 ≤ 5 s);</li>
 *   <li>the verifier over 100,000 records: records per second.</li>
 * </ol>
 * System properties: {@code bench.writeSeconds} (30), {@code bench.latencyRecords} (200),
 * {@code bench.records} (100000), {@code bench.interval} (10s: the archive interval).
 */
public final class StreamBenchmark {

    /** Every change the consumer processes, with when it did. */
    static final ConcurrentLinkedQueue<long[]> LAGS = new ConcurrentLinkedQueue<>();
    static final AtomicLong PROCESSED = new AtomicLong();

    private StreamBenchmark() {
    }

    /** Adds a listener to the consumer that measures, for each INSERT of a bench writer, write → processing. */
    @Configuration(proxyBeanMethods = false)
    static class LagProbe {
        @Bean
        ChangeListener benchLagProbe() {
            return change -> {
                PROCESSED.incrementAndGet();
                if (change.kind() == AuditChange.Kind.INSERT && change.userId().startsWith("bench-writer-")) {
                    long written = Instant.parse(change.timestamp()).toEpochMilli();
                    LAGS.add(new long[] {written, System.currentTimeMillis() - written});
                }
                return ChangeListener.DONE;
            };
        }
    }

    public static void main(String[] args) throws Exception {
        int writeSeconds = Integer.getInteger("bench.writeSeconds", 30);
        int latencyRecords = Integer.getInteger("bench.latencyRecords", 200);
        int records = Integer.getInteger("bench.records", 100_000);
        String interval = System.getProperty("bench.interval", "10s");
        Path dataDir = Path.of(System.getProperty("bench.dataDir", "bench/target/stream-bench"))
                .resolve(UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dataDir);
        String host = "127.0.0.1";
        Map<String, Long> webhookReceived = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(host, 0), 64);
        Pattern resource = Pattern.compile("\"resourceId\":\"(i-lat-[0-9]+)\"");
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = resource.matcher(body);
            if (m.find()) {
                webhookReceived.putIfAbsent(m.group(1), System.currentTimeMillis());
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        var dynamoSettings = new DynamoDbLocalSettings(host, ExportBenchmark.freePort(), dataDir.resolve("dynamodb"),
                true, 1024, Duration.ofSeconds(60));
        try (DynamoDbLocalProcess dynamoLocal = DynamoDbLocalProcess.start(dynamoSettings);
             CognitoEmulator cognito = CognitoEmulator.start(CognitoEmulatorSettings.defaults(host,
                     ExportBenchmark.freePort(), dataDir));
             S3Emulator s3 = S3Emulator.start(new S3EmulatorSettings(host, 0, dataDir.resolve("s3")), Clock.systemUTC());
             Ec2Emulator ec2 = Ec2Emulator.start(Ec2EmulatorSettings.localMode(host, ExportBenchmark.freePort(),
                     dataDir.resolve("ec2")).withFleet(new FleetSpec(List.of("us-east-1"), 10, FleetSpec.DEFAULT_SEED)),
                     Clock.systemUTC())) {
            int port = ExportBenchmark.freePort();
            SpringApplication application = new SpringApplication(Ec2ManagerApplication.class, LagProbe.class);
            ConfigurableApplicationContext app = application.run(
                    "--server.port=" + port,
                    "--ec2manager.local.start-stack=false",
                    "--ec2manager.local.data-dir=" + dataDir,
                    "--ec2manager.local.dynamodb-port=" + dynamoLocal.endpoint().getPort(),
                    "--ec2manager.local.ec2-port=" + ec2.endpoint().getPort(),
                    "--ec2manager.local.cognito-port=" + cognito.endpoint().getPort(),
                    "--ec2manager.local.s3-port=" + s3.port(),
                    "--ec2manager.instances.regions=us-east-1",
                    "--ec2manager.audit.reconciler.enabled=false",
                    "--ec2manager.archive.interval=" + interval,
                    // the verifier reads 100,000 records in 1 MB pages from an in-memory DynamoDB Local on a busy machine
                    "--ec2manager.aws.timeouts.dynamodb-attempt=60s",
                    "--ec2manager.aws.timeouts.dynamodb-call=120s",
                    "--ec2manager.audit.reconciler.grace=5m",
                    "--ec2manager.stream.poll-interval=250ms",
                    "--ec2manager.notifications.webhooks[0].url=http://" + host + ":" + receiver.getAddress().getPort() + "/hook",
                    "--ec2manager.notifications.webhooks[0].secret=bench-secret",
                    "--logging.level.root=WARN");
            try {
                System.out.printf("%nEC2 Manager audit stream benchmark: %d processors, Java %s, archive interval %s%n",
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), interval);
                StreamLag lag = app.getBean(StreamLag.class);
                long waitStart = System.nanoTime();
                while (lag.shardsHeld() == 0) {
                    Thread.sleep(500);
                }
                System.out.printf("KCL consumer holding its shard after %.0f s (first start: lease table, index)%n",
                        (System.nanoTime() - waitStart) / 1e9);
                AuditTrail trail = app.getBean(AuditTrail.class);
                consumerLag(trail, lag, writeSeconds);
                latencies(trail, "http://127.0.0.1:" + port, ExportBenchmark.accessToken(cognito), latencyRecords,
                        webhookReceived);
                verifier(app, dynamoLocal, records);
            } finally {
                app.close();
                receiver.stop(0);
            }
        }
    }

    private static void consumerLag(AuditTrail trail, StreamLag lag, int seconds) throws Exception {
        LAGS.clear();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        List<Double> reported = Collections.synchronizedList(new ArrayList<>());
        ExecutorService writers = Executors.newFixedThreadPool(8);
        CountDownLatch done = new CountDownLatch(8);
        for (int w = 0; w < 8; w++) {
            int writer = w;
            writers.execute(() -> {
                AuditActor actor = new AuditActor("bench-writer-" + writer, "writer@example.com", "127.0.0.1", "bench");
                while (writing.get()) {
                    trail.begin(new AuditIntent(actor, AuditAction.STOP_INSTANCE, ResourceType.EC2_INSTANCE,
                            "i-" + writer, null, "req"));
                    written.incrementAndGet();
                }
                done.countDown();
            });
        }
        long started = System.nanoTime();
        while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(seconds)) {
            Thread.sleep(250);
            lag.current().ifPresent(d -> reported.add(d.toMillis() / 1000.0));
        }
        writing.set(false);
        done.await();
        double writeSeconds = (System.nanoTime() - started) / 1e9;
        writers.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (LAGS.size() < written.get() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        double drainSeconds = (System.nanoTime() - started) / 1e9;
        List<Long> lags = LAGS.stream().map(l -> l[1]).sorted().toList();
        System.out.printf("%n1. Consumer lag, 8 writers at full speed for %d s%n", seconds);
        System.out.printf("   written %,d records = %,.0f records/s; processed %,d (%,.0f records/s until drained at %.1f s)%n",
                written.get(), written.get() / writeSeconds, lags.size(), lags.size() / drainSeconds, drainSeconds);
        System.out.printf("   lag write -> processed: p50 %.2f s, p95 %.2f s, max %.2f s; lag/write ratio p95 = %.2f s per 1,000 writes/s%n",
                pct(lags, 50) / 1000.0, pct(lags, 95) / 1000.0, lags.isEmpty() ? 0 : lags.get(lags.size() - 1) / 1000.0,
                pct(lags, 95) / 1000.0 / Math.max(0.001, written.get() / writeSeconds / 1000.0));
        List<Double> sortedReported = reported.stream().sorted().toList();
        System.out.printf("   the lag metric (ec2manager.audit.stream.lag) sampled every 250 ms: p50 %.2f s, p95 %.2f s -> target p95 < 5 s: %s%n",
                pctD(sortedReported, 50), pctD(sortedReported, 95), pct(lags, 95) < 5000 ? "MET" : "MISSED");
    }

    private static void latencies(AuditTrail trail, String base, String token, int count,
                                  Map<String, Long> webhookReceived) throws Exception {
        Map<String, Long> feedReceived = new ConcurrentHashMap<>();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> feed = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/audit/events"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (feed.statusCode() != 200) {
            throw new IllegalStateException("the live feed answered " + feed.statusCode());
        }
        Pattern completed = Pattern.compile("\"resourceId\":\"(i-lat-[0-9]+)\".*\"outcome\":\"SUCCEEDED\"|\"outcome\":\"SUCCEEDED\".*\"resourceId\":\"(i-lat-[0-9]+)\"");
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(feed.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        Matcher m = completed.matcher(line);
                        if (m.find()) {
                            feedReceived.putIfAbsent(m.group(1) != null ? m.group(1) : m.group(2), System.currentTimeMillis());
                        }
                    }
                }
            } catch (Exception closed) {
                // the benchmark closed the feed
            }
        }, "bench-feed-reader");
        reader.setDaemon(true);
        reader.start();
        Thread.sleep(2000);
        Map<String, Long> completedAt = new ConcurrentHashMap<>();
        AuditActor actor = new AuditActor("bench-latency", "latency@example.com", "127.0.0.1", "bench");
        for (int i = 0; i < count; i++) {
            String id = String.format("i-lat-%05d", i);
            AuditRecord record = trail.begin(new AuditIntent(actor, AuditAction.STOP_INSTANCE, ResourceType.EC2_INSTANCE,
                    id, null, "req-" + i));
            trail.complete(record.key(), AuditResult.succeeded("stopping", "aws-" + i));
            completedAt.put(id, System.currentTimeMillis());
            Thread.sleep(50);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((feedReceived.size() < count || webhookReceived.size() < count) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        feed.body().close();
        List<Long> feedLat = latencies(completedAt, feedReceived);
        List<Long> hookLat = latencies(completedAt, webhookReceived);
        System.out.printf("%n2. Live feed, %d completed records at ~20/s, write -> SSE event at an API client: "
                        + "received %d, p50 %d ms, p95 %d ms -> target p95 <= 2 s: %s%n", count, feedLat.size(),
                pct(feedLat, 50), pct(feedLat, 95), feedLat.size() == count && pct(feedLat, 95) <= 2000 ? "MET" : "MISSED");
        System.out.printf("3. Webhook, the same records, write -> delivery at a local receiver: received %d, p50 %d ms, "
                        + "p95 %d ms -> target p95 <= 5 s: %s%n", hookLat.size(), pct(hookLat, 50), pct(hookLat, 95),
                hookLat.size() == count && pct(hookLat, 95) <= 5000 ? "MET" : "MISSED");
    }

    private static void verifier(ConfigurableApplicationContext app, DynamoDbLocalProcess dynamoLocal, int records)
            throws Exception {
        long before = PROCESSED.get();
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(dynamoLocal.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClient(ApacheHttpClient.builder().maxConnections(32).build()).build()) {
            System.out.printf("%n4. Verifier over %,d records%n   ", records);
            ExportBenchmark.load(dynamoDb, records);
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        while (PROCESSED.get() - before < records && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        String interval = app.getEnvironment().getProperty("ec2manager.archive.interval", "10s");
        // the last files are written at the end of their interval and named by the next digest
        Thread.sleep(Duration.parse("PT" + interval.toUpperCase()).toMillis() * 2 + 2000);
        AuditVerifier verifier = app.getBean(AuditVerifier.class);
        Instant to = Instant.now();
        Instant from = to.minus(Duration.ofDays(21));
        long started = System.nanoTime();
        VerificationReport report = verifier.verify(from, to);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("   archived by the consumer: %,d changes; verify-audit over 21 days: %.1f s, %,d records "
                        + "compared, %,d digests, %,d archive files -> %,.0f records/s; %s, %d findings%n",
                PROCESSED.get() - before, seconds, report.records(), report.digests(), report.files(),
                report.records() / seconds, report.holds() ? "INTACT" : "TAMPERED", report.findings().size());
        report.findings().stream().limit(5).forEach(f -> System.out.println("   " + f));
    }

    private static List<Long> latencies(Map<String, Long> sent, Map<String, Long> received) {
        List<Long> values = new ArrayList<>();
        received.forEach((id, at) -> {
            Long from = sent.get(id);
            if (from != null) {
                values.add(Math.max(0, at - from));
            }
        });
        Collections.sort(values);
        return values;
    }

    private static long pct(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }

    private static double pctD(List<Double> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }
}
