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
 * With {@code -Dbench.before=<jar>} it does the same for a second build in the same run, the
 * starts of the two alternating, and prints them side by side; always with the goals (ready in
 * 6 s, 600 MB after use) and the machine's load average, which the wall-clock times depend on.
 */
public final class StartupBenchmark {

    private static final double READY_GOAL_SECONDS = 6.0;
    private static final long MEMORY_GOAL_MB = 600;
    private static final long READY_TIMEOUT_SECONDS = Long.getLong("bench.readyTimeoutSeconds", 600);
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"AccessToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern INSTANCE_ID = Pattern.compile("\"id\"\\s*:\\s*\"(i-[0-9a-f]+)\"");
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Za-z_-]+)\"");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Duration use;

    private StartupBenchmark(Duration use) {
        this.use = use;
    }

    public static void main(String[] args) throws Exception {
        Path dataRoot = Path.of(System.getProperty("bench.dataDir", "bench/target/startup-bench"))
                .resolve(UUID.randomUUID().toString()).toAbsolutePath();
        Duration use = Duration.ofSeconds(Long.getLong("bench.useSeconds", 60));
        List<Build> builds = new ArrayList<>();
        String before = System.getProperty("bench.before", "");
        if (!before.isBlank()) {
            builds.add(new Build("before", javaJar(jar(before), System.getProperty("bench.beforeJvmArgs", "")),
                    dataRoot.resolve("before")));
        }
        String launcher = System.getProperty("bench.run", "");
        builds.add(new Build(builds.isEmpty() ? "this build" : "after", launcher.isBlank()
                ? javaJar(jar(System.getProperty("bench.jar", "app/target/ec2-manager.jar")), System.getProperty("bench.jvmArgs", ""))
                : List.of(Path.of(launcher).toAbsolutePath().toString()), dataRoot.resolve("after")));
        new StartupBenchmark(use).run(builds, !launcher.isBlank());
    }

    /** {@code java [options] -jar jar}: the README's command, or another build's. */
    private static List<String> javaJar(Path jar, String jvmArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // e.g. -Dbench.jvmArgs=-XX:SharedArchiveFile=app.jsa: the same start with a class-data-sharing archive
        for (String option : jvmArgs.trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    private static Path jar(String path) {
        Path jar = Path.of(path).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -q -DskipTests package");
        }
        return jar;
    }

    private void run(List<Build> builds, boolean launcher) throws Exception {
        for (Build build : builds) {
            System.out.printf("%s: %s, data folder %s%n", build.name(), String.join(" ", build.command()), build.dataDir());
        }
        System.out.printf("%d s of use after each start; load average %s%n", use.toSeconds(), loadAverage());
        if (launcher) {
            // a launcher may prepare itself on the first start after a build (bin/run makes its
            // class-data-sharing archive): that start is timed on its own, on a data folder of its own
            Build last = builds.get(builds.size() - 1);
            Build first = new Build("first start through the launcher (it prepares itself when the build is newer;"
                    + " the CPU of a training JVM it ran is not counted)", last.command(), last.dataDir().resolveSibling("first"));
            startAndUse(first, Duration.ZERO);
        }
        // cold starts first, then warm ones, the builds alternating: a change of the machine's load hits each alike
        List<Run> cold = new ArrayList<>();
        List<Run> warm = new ArrayList<>();
        for (List<Run> runs : List.of(cold, warm)) {
            for (Build build : builds) {
                runs.add(startAndUse(build, use));
            }
        }
        System.out.println();
        StringBuilder header = new StringBuilder(String.format("%-36s", ""));
        for (Build build : builds) {
            header.append(String.format(" %10s %10s", build.name() + " cold", "warm"));
        }
        System.out.println(header.append(String.format(" %10s", "goal")));
        row("ready: java -jar to healthy (s)", builds, cold, warm, Run::seconds, "%10.2f", String.format("%.1f", READY_GOAL_SECONDS));
        row("CPU seconds to healthy", builds, cold, warm, Run::cpuSeconds, "%10.1f", "");
        row("RSS after start (MB)", builds, cold, warm, r -> r.rssAfterStartMb(), "%10.0f", "");
        row("RSS after " + use.toSeconds() + " s of use (MB)", builds, cold, warm, r -> r.rssAfterUseMb(), "%10.0f",
                Long.toString(MEMORY_GOAL_MB));
        row("ready ÷ goal", builds, cold, warm, r -> r.seconds() / READY_GOAL_SECONDS, "%10.2f", "≤ 1");
        row("RSS after use ÷ goal", builds, cold, warm, r -> (double) r.rssAfterUseMb() / MEMORY_GOAL_MB, "%10.2f", "≤ 1");
        row("load average (1 min) at the start", builds, cold, warm, Run::loadAtStart, "%10.2f", "");
        System.out.printf("load average at the end: %s%n", loadAverage());
    }

    private static void row(String label, List<Build> builds, List<Run> cold, List<Run> warm,
                            java.util.function.ToDoubleFunction<Run> figure, String format, String goal) {
        StringBuilder line = new StringBuilder(String.format("%-36s", label));
        for (int i = 0; i < builds.size(); i++) {
            line.append(' ').append(String.format(format, figure.applyAsDouble(cold.get(i))))
                    .append(' ').append(String.format(format, figure.applyAsDouble(warm.get(i))));
        }
        System.out.println(line.append(String.format(" %10s", goal)));
    }

    /** One build of the application: its jar, the options of its JVM and its own data folder and ports. */
    /** One build of the application: the command that starts it, its own data folder and ports. */
    private record Build(String name, List<String> command, Path dataDir, int serverPort, int dynamoDbPort,
                         int ec2Port, int cognitoPort, int s3Port, int cloudWatchPort) {

        Build(String name, List<String> command, Path dataDir) {
            this(name, command, dataDir, freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
        }
    }

    private record Run(double seconds, double cpuSeconds, long rssAfterStartMb, long rssAfterUseMb, double loadAtStart) {
    }

    private Run startAndUse(Build build, Duration use) throws Exception {
        double load = Double.parseDouble(loadAverage().split(" ")[0]);
        Files.createDirectories(build.dataDir());
        List<String> command = new ArrayList<>(build.command());
        command.addAll(List.of(
                "--server.port=" + build.serverPort(),
                "--ec2manager.local.data-dir=" + build.dataDir(),
                "--ec2manager.local.dynamodb-port=" + build.dynamoDbPort(),
                "--ec2manager.local.ec2-port=" + build.ec2Port(),
                "--ec2manager.local.cognito-port=" + build.cognitoPort(),
                "--ec2manager.local.s3-port=" + build.s3Port(),
                "--ec2manager.local.cloudwatch-port=" + build.cloudWatchPort()));
        long begin = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(build.dataDir().resolve("application-" + System.currentTimeMillis() + ".log").toFile())
                .start();
        try {
            URI health = URI.create("http://127.0.0.1:" + build.serverPort() + "/actuator/health");
            long deadline = begin + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the application exited with " + process.exitValue() + "; see "
                            + build.dataDir());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not healthy within " + READY_TIMEOUT_SECONDS + " s; see "
                            + build.dataDir());
                }
                try {
                    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2))
                            .build(), HttpResponse.BodyHandlers.ofString());
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
            long afterStart = rssMb(process);
            System.out.printf("  %s: healthy after %.2f s (%.1f CPU s), %d MB%n", build.name(), seconds, cpuSeconds,
                    afterStart);
            long afterUse = useForAWhile(build, process, use);
            return new Run(seconds, cpuSeconds, afterStart, afterUse, load);
        } finally {
            stop(process);
        }
    }

    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    /** Lists, opens and acts as an API client would for {@link #use}; returns the RSS afterwards. */
    private static long useForAWhile(Build build, Process process, Duration use) throws Exception {
        if (use.isZero()) {
            return rssMb(process);
        }
        String token = accessToken(build.cognitoPort());
        String api = "http://127.0.0.1:" + build.serverPort() + "/api/v1";
        long end = System.nanoTime() + use.toNanos();
        int requests = 0;
        int actions = 0;
        int refused = 0;
        int views = 0;
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
                views++;
                // every third detail view acts (a count of its own: the list may be empty while the fleet loads)
                if (action != null && views % 3 == 1) {
                    int status = post(api + "/instances/" + instance + "/" + action, token,
                            "{\"reason\":\"start-up benchmark\"}");
                    if (status / 100 == 2) {
                        actions++;
                    } else if (status == 409) {
                        refused++; // protected, an Auto Scaling member, or between states: the console says so too
                    } else {
                        throw new IllegalStateException(action + " of " + instance + " answered " + status);
                    }
                }
            }
        }
        System.out.printf("  %s: %d requests, %d actions done and %d refused (409) in %d s%n", build.name(), requests,
                actions, refused, use.toSeconds());
        Thread.sleep(1000);
        return rssMb(process);
    }

    private static String accessToken(int cognitoPort) throws Exception {
        SeedUser admin = CognitoEmulatorSettings.defaultSeedUsers().get(0);
        String body = "{\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"ClientId\":\"" + CognitoEmulatorSettings.DEFAULT_CLIENT_ID
                + "\",\"AuthParameters\":{\"USERNAME\":\"" + admin.email() + "\",\"PASSWORD\":\"" + admin.password() + "\"}}";
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cognitoPort + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(answer.body());
        if (!token.find()) {
            throw new IllegalStateException("no access token from the Cognito emulator: " + answer.body());
        }
        return token.group(1);
    }

    private static String get(String url, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int post(String url, String token, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
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
