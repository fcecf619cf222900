package com.ec2manager.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.ec2manager.localaws.cognito.CognitoEmulatorSettings;
import com.ec2manager.localaws.cognito.SeedUser;

/**
 * Local mode's start-up and memory, as a person running the README's command sees them: starts
 * {@code java -jar ec2-manager.jar} on a fresh data folder (cold) and again on the same folder
 * (warm), times each from process start to a healthy {@code /actuator/health}, and reads the
 * resident memory of the whole of local mode (the application and DynamoDB Local's JVM, every
 * descendant process) after start and after a scripted minute of use through the JSON API.
 * Prints the two starts side by side with the goals (ready in 6 s, 600 MB after use).
 */
public final class StartupBenchmark {

    private static final double READY_GOAL_SECONDS = 6.0;
    private static final long MEMORY_GOAL_MB = 600;
    private static final long READY_TIMEOUT_SECONDS = Long.getLong("bench.readyTimeoutSeconds", 600);
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"AccessToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern INSTANCE_ID = Pattern.compile("\"id\"\\s*:\\s*\"(i-[0-9a-f]+)\"");
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Za-z_-]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path jar;
    private final Path dataDir;
    private final Duration use;
    private final int serverPort = freePort();
    private final int dynamoDbPort = freePort();
    private final int ec2Port = freePort();
    private final int cognitoPort = freePort();
    private final int s3Port = freePort();

    private StartupBenchmark(Path jar, Path dataDir, Duration use) {
        this.jar = jar;
        this.dataDir = dataDir;
        this.use = use;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(System.getProperty("bench.jar", "app/target/ec2-manager.jar")).toAbsolutePath();
        Path dataDir = Path.of(System.getProperty("bench.dataDir", "bench/target/startup-bench"))
                .resolve(UUID.randomUUID().toString()).toAbsolutePath();
        Duration use = Duration.ofSeconds(Long.getLong("bench.useSeconds", 60));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -q -DskipTests package");
        }
        new StartupBenchmark(jar, dataDir, use).run();
    }

    private void run() throws Exception {
        System.out.printf("Start-up benchmark: %s, data folder %s, %d s of use after the cold start%n", jar, dataDir,
                use.toSeconds());
        Start cold = start();
        long afterUse = useForAWhile(cold.process());
        stop(cold.process());
        Start warm = start();
        long warmAfterUse = useForAWhile(warm.process());
        stop(warm.process());

        System.out.println();
        System.out.printf("%-34s %10s %10s %10s%n", "", "cold", "warm", "goal");
        System.out.printf("%-34s %10.2f %10.2f %10.1f%n", "ready: java -jar to healthy (s)", cold.seconds(),
                warm.seconds(), READY_GOAL_SECONDS);
        System.out.printf("%-34s %10.1f %10.1f %10s%n", "CPU seconds to healthy", cold.cpuSeconds(),
                warm.cpuSeconds(), "");
        System.out.printf("%-34s %10d %10d %10s%n", "RSS after start (MB)", cold.rssMb(), warm.rssMb(), "");
        System.out.printf("%-34s %10d %10d %10d%n", "RSS after " + use.toSeconds() + " s of use (MB)", afterUse,
                warmAfterUse, MEMORY_GOAL_MB);
        System.out.printf("%-34s %10.2f %10.2f %10s%n", "ready ÷ goal", cold.seconds() / READY_GOAL_SECONDS,
                warm.seconds() / READY_GOAL_SECONDS, "≤ 1");
        System.out.printf("%-34s %10.2f %10.2f %10s%n", "RSS after use ÷ goal", (double) afterUse / MEMORY_GOAL_MB,
                (double) warmAfterUse / MEMORY_GOAL_MB, "≤ 1");
    }

    private record Start(Process process, double seconds, double cpuSeconds, long rssMb) {
    }

    private Start start() throws Exception {
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // e.g. -Dbench.jvmArgs=-XX:SharedArchiveFile=app.jsa: the same start with a class-data-sharing archive
        for (String option : System.getProperty("bench.jvmArgs", "").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + serverPort,
                "--ec2manager.local.data-dir=" + dataDir,
                "--ec2manager.local.dynamodb-port=" + dynamoDbPort,
                "--ec2manager.local.ec2-port=" + ec2Port,
                "--ec2manager.local.cognito-port=" + cognitoPort,
                "--ec2manager.local.s3-port=" + s3Port));
        long begin = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("application-" + System.currentTimeMillis() + ".log").toFile()).start();
        URI health = URI.create("http://127.0.0.1:" + serverPort + "/actuator/health");
        long deadline = begin + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited with " + process.exitValue() + "; see " + dataDir);
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("not healthy within " + READY_TIMEOUT_SECONDS + " s; see " + dataDir);
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(25);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        double cpuSeconds = cpuSeconds(process);
        Thread.sleep(1000); // what start-up left behind settles (the sign-in hint, the first reconciler pass)
        return new Start(process, seconds, cpuSeconds, rssMb(process));
    }

    /** Lists, opens and acts as an API client would for {@link #use}; returns the RSS afterwards. */
    private long useForAWhile(Process process) throws Exception {
        if (use.isZero()) {
            return rssMb(process);
        }
        String token = accessToken();
        String api = "http://127.0.0.1:" + serverPort + "/api/v1";
        long end = System.nanoTime() + use.toNanos();
        int requests = 0;
        int actions = 0;
        while (System.nanoTime() < end) {
            String list = get(api + "/instances", token);
            get(api + "/audit?limit=50", token);
            get(api + "/instances?state=running&sort=-launchTime", token);
            requests += 3;
            Matcher id = INSTANCE_ID.matcher(list);
            List<String> ids = new ArrayList<>();
            while (id.find() && ids.size() < 20) {
                ids.add(id.group(1));
            }
            if (!ids.isEmpty()) {
                String instance = ids.get(requests % ids.size());
                String detail = get(api + "/instances/" + instance, token);
                requests++;
                Matcher state = STATE.matcher(detail);
                String now = state.find() ? state.group(1).toLowerCase(java.util.Locale.ROOT) : "";
                String action = now.equals("stopped") ? "start" : now.equals("running") ? "stop" : null;
                if (action != null && requests % 12 == 4) {
                    post(api + "/instances/" + instance + "/" + action, token, "{\"reason\":\"start-up benchmark\"}");
                    actions++;
                }
            }
        }
        System.out.printf("  %d requests and %d actions in %d s%n", requests, actions, use.toSeconds());
        Thread.sleep(1000);
        return rssMb(process);
    }

    private String accessToken() throws Exception {
        SeedUser admin = CognitoEmulatorSettings.defaultSeedUsers().get(0);
        String body = "{\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"ClientId\":\"" + CognitoEmulatorSettings.DEFAULT_CLIENT_ID
                + "\",\"AuthParameters\":{\"USERNAME\":\"" + admin.email() + "\",\"PASSWORD\":\"" + admin.password() + "\"}}";
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cognitoPort + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(answer.body());
        if (!token.find()) {
            throw new IllegalStateException("no access token from the Cognito emulator: " + answer.body());
        }
        return token.group(1);
    }

    private String get(String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void post(String url, String token, String json) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding());
    }

    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            child.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }

    /**
     * CPU time (user and system) the process and its descendants have used: on a machine shared
     * with other work the wall-clock time to healthy mostly measures the others, this does not.
     */
    private static double cpuSeconds(Process process) throws IOException {
        long ticks = 0;
        for (ProcessHandle handle : Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList()) {
            Path stat = Path.of("/proc", Long.toString(handle.pid()), "stat");
            if (Files.exists(stat)) {
                String text = Files.readString(stat);
                String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            }
        }
        return ticks / 100.0; // USER_HZ
    }

    /** Resident memory of the process and all its descendants (DynamoDB Local's JVM), from /proc. */
    private static long rssMb(Process process) throws IOException {
        long kb = 0;
        for (ProcessHandle handle : Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList()) {
            Path status = Path.of("/proc", Long.toString(handle.pid()), "status");
            if (!Files.exists(status)) {
                continue;
            }
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    kb += Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        }
        return kb / 1024;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
