package com.ec2manager.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ec2manager.Ec2ManagerApplication;
import com.ec2manager.accounts.AwsAccount;
import com.ec2manager.accounts.AccountDirectory;
import com.ec2manager.instances.AccountRegion;
import com.ec2manager.instances.Ec2Caller;
import com.ec2manager.instances.Ec2Gateway;
import com.ec2manager.instances.EnabledRegions;
import com.ec2manager.instances.Instance;
import com.ec2manager.instances.InstanceListing;
import com.ec2manager.instances.InstanceQuery;
import com.ec2manager.instances.InstanceState;
import com.ec2manager.instances.Inventory;
import com.ec2manager.localaws.LocalStack;
import com.ec2manager.localaws.LocalStackSettings;
import com.ec2manager.localaws.cognito.CognitoEmulatorSettings;
import com.ec2manager.localaws.ec2.FleetSpec;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inventory at scale: 3 accounts × 16 regions, 30,000 instances, the whole application in this
 * JVM against the local stack (the EC2 emulator in memory). In one run it prints
 *
 * <ol>
 *   <li>one full background refresh of the 48 account-regions: wall time, CPU seconds (the
 *       inventory's reading threads, which include the SDK's parsing, and the whole process, which
 *       includes the emulator writing the XML), and the heap the inventory holds afterwards;</li>
 *   <li>a filtered, searched, sorted page of 100 through the JSON API, p50 and p95, against the same
 *       page computed by the live path (every account-region read again, 16 at a time, as before
 *       the inventory), as a ratio; the two answers are checked to be the same instances;</li>
 *   <li>the instances page (HTML) for the same filter, p50;</li>
 *   <li>the AWS CLI looping over the 48 account-regions for the same filter (EC2's own filters;
 *       the free text becomes {@code tag:Name=*api*}), sequentially and 16 at a time, against
 *       the API's p50.</li>
 * </ol>
 *
 * <p>System properties: {@code bench.runs} (API and page runs, default 200), {@code bench.liveRuns}
 * (default 3), {@code bench.cli} (false skips the CLI loops), {@code bench.parallelism} (the
 * inventory's readers, default 4), {@code bench.dataDir}.
 */
public final class InventoryBenchmark {

    private static final List<String> ACCOUNTS = List.of("123456789012", "210987654321", "345678901234");
    private static final String FILTER = "state=running&tag=Environment%3Dproduction&q=api&sort=-launchTime";
    /** Words found in the large fleet's names (the emulator's roles), for searches never asked before. */
    private static final List<String> ROLES = List.of("api", "web", "worker", "batch", "cache", "db", "kafka", "etl");
    private static final InstanceQuery QUERY = InstanceQuery.of(List.of(), List.of(), List.of("running"), List.of(),
            List.of(), List.of("Environment=production"), "api", "-launchTime");

    private InventoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 200);
        int liveRuns = Integer.getInteger("bench.liveRuns", 3);
        boolean cli = Boolean.parseBoolean(System.getProperty("bench.cli", "true"));
        Path dataDir = Path.of(System.getProperty("bench.dataDir", "bench/target/inventory-bench"))
                .resolve(UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dataDir);

        LocalStackSettings settings = new LocalStackSettings("127.0.0.1", dataDir, LocalApp.freePort(), LocalApp.freePort(),
                LocalApp.freePort(), LocalApp.freePort());
        try (LocalStack stack = LocalStack.start(settings, ec2 -> ec2.withLargeAccounts().withDataDir(null))) {
            int port = LocalApp.freePort();
            List<String> arguments = new ArrayList<>(LocalApp.stackArguments(stack, dataDir));
            arguments.addAll(List.of("--server.port=" + port,
                    "--ec2manager.inventory.enabled=false",
                    // as many readers as cores can keep busy; more only queue on a small machine
                    "--ec2manager.inventory.parallelism=" + Integer.getInteger("bench.parallelism", 4)));
            arguments.addAll(LocalApp.largeFleetTuning());
            arguments.addAll(LocalApp.accountArguments(ACCOUNTS));
            ConfigurableApplicationContext app = new SpringApplication(Ec2ManagerApplication.class)
                    .run(arguments.toArray(String[]::new));
            try {
                run(stack, settings, app, "http://127.0.0.1:" + port, runs, liveRuns, cli);
            } finally {
                app.close();
            }
        }
        // a thread of the stopped stack may linger; the figures are printed
        System.exit(0);
    }

    private static void run(LocalStack stack, LocalStackSettings settings, ConfigurableApplicationContext app, String base,
                            int runs, int liveRuns, boolean cli) throws Exception {
        Inventory inventory = app.getBean(Inventory.class);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.println("Inventory benchmark: 3 accounts × 16 regions, 30,000 instances; "
                + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");

        // 1. one full refresh, and the heap it leaves held
        long before = usedAfterGc(memory);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long processCpu = os.getProcessCpuTime();
        long readerCpu = readerCpu(threads);
        long start = System.nanoTime();
        inventory.tick().join();
        double wall = (System.nanoTime() - start) / 1e9;
        double readers = (readerCpu(threads) - readerCpu) / 1e9;
        double process = (os.getProcessCpuTime() - processCpu) / 1e9;
        int total = inventory.instanceCount();
        long held = usedAfterGc(memory) - before;
        if (total != 30_000) {
            throw new IllegalStateException("the inventory holds " + total + " instances, not 30,000: " + inventory.freshness());
        }
        System.out.printf("full refresh of 48 account-regions (%,d instances): %.1f s wall, %.1f CPU s in the inventory's"
                + " readers (SDK parsing included), %.1f CPU s for the whole process (the emulator's XML included)%n",
                total, wall, readers, process);
        System.out.printf("heap held by the inventory: %.1f MB (used heap after a full GC, after minus before; target ≤ 200 MB)%n",
                held / (1024.0 * 1024.0));

        // 2. the API page against the live path
        HttpClient api = HttpClient.newHttpClient();
        String token = LocalApp.accessToken(stack);
        HttpRequest page = HttpRequest.newBuilder(URI.create(base + "/api/v1/instances?limit=100&" + FILTER))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
        long cpu = serverCpu(threads);
        List<Double> apiTimes = times(api, page, runs, runs / 4);
        double apiCpu = (serverCpu(threads) - cpu) / 1e6 / (runs + runs / 4);
        // the same filter with a search never asked before at each run: nothing memoised, one pass over the index
        List<HttpRequest> fresh = new ArrayList<>();
        for (int i = 0; i < runs + runs / 4; i++) {
            fresh.add(HttpRequest.newBuilder(URI.create(base + "/api/v1/instances?limit=100&"
                            + FILTER.replace("q=api", "q=" + ROLES.get(i % ROLES.size()) + "-" + (i / ROLES.size()))))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build());
        }
        cpu = serverCpu(threads);
        List<Double> freshTimes = times(api, fresh, runs / 4);
        double freshCpu = (serverCpu(threads) - cpu) / 1e6 / fresh.size();
        // the first page after an instance changed: the index of the 30,000 is built again, then the page
        InstanceListing listing = app.getBean(InstanceListing.class);
        Instance changing = listing.list(QUERY, Ec2Caller.system("bench")).instances().get(0);
        List<Double> changedTimes = new ArrayList<>();
        cpu = serverCpu(threads);
        for (int i = 0; i < runs / 4 + 10; i++) {
            inventory.acted(listing.where(changing), changing.id(), i % 2 == 0 ? InstanceState.STOPPING : InstanceState.RUNNING);
            long s = System.nanoTime();
            send(api, page);
            if (i >= 10) {
                changedTimes.add((System.nanoTime() - s) / 1e6);
            }
        }
        double changedCpu = (serverCpu(threads) - cpu) / 1e6 / (runs / 4 + 10);
        inventory.acted(listing.where(changing), changing.id(), InstanceState.RUNNING);
        JsonNode answer = JsonMapper.builder().build().readTree(api.send(page, HttpResponse.BodyHandlers.ofString()).body());
        List<String> apiIds = new ArrayList<>();
        answer.get("instances").forEach(i -> apiIds.add(i.get("id").asString()));
        int matching = answer.get("total").asInt();

        LivePath live = new LivePath(app);
        List<String> liveIds = live.page();  // warm-up
        List<Double> liveTimes = new ArrayList<>();
        for (int i = 0; i < liveRuns; i++) {
            long s = System.nanoTime();
            liveIds = live.page();
            liveTimes.add((System.nanoTime() - s) / 1e6);
        }
        live.close();
        if (!liveIds.equals(apiIds)) {
            System.out.println("note: the live page differs from the inventory's (instances changed in between?)");
        }
        double apiP50 = LocalApp.percentile(apiTimes, 50);
        double liveP50 = LocalApp.percentile(liveTimes, 50);
        System.out.printf("API page of 100, a search never asked before at each run (nothing memoised): p50 %.1f ms,"
                + " p95 %.1f ms; %.1f CPU ms of the server's request threads per request%n", LocalApp.percentile(freshTimes, 50),
                LocalApp.percentile(freshTimes, 95), freshCpu);
        System.out.printf("API page of 100, the first after an instance changed (the index of 30,000 built again):"
                + " p50 %.1f ms, p95 %.1f ms; %.1f CPU ms of the server's request threads per request%n", LocalApp.percentile(changedTimes, 50),
                LocalApp.percentile(changedTimes, 95), changedCpu);
        System.out.printf("API page of 100, the same query again (memoised until the inventory changes): %.1f CPU ms of"
                + " the server's request threads per request%n", apiCpu);
        System.out.printf("API page of 100 (%d match; state=running, tag Environment=production, q=api, sort -launchTime):"
                        + " p50 %.1f ms, p95 %.1f ms | live path (48 account-regions read, 16 at a time): p50 %.0f ms,"
                        + " p95 %.0f ms (%d runs) | live ÷ inventory: %.0f× (target p50 ≤ 20 ms and ≥ 100×); same answer: %s%n",
                matching, apiP50, LocalApp.percentile(apiTimes, 95), liveP50, LocalApp.percentile(liveTimes, 95), liveRuns, liveP50 / apiP50,
                liveIds.equals(apiIds));

        // 3. the HTML page
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        LocalApp.signIn(browser, base);
        HttpRequest html = HttpRequest.newBuilder(URI.create(base + "/instances?" + FILTER)).header("Accept", "text/html")
                .GET().build();
        cpu = serverCpu(threads);
        List<Double> htmlTimes = times(browser, html, runs, runs / 4);
        double htmlCpu = (serverCpu(threads) - cpu) / 1e6 / (runs + runs / 4);
        System.out.printf("instances page (HTML, 100 rows): p50 %.1f ms, p95 %.1f ms (target p50 ≤ 150 ms); %.1f CPU ms of the server's"
                + " request threads per request%n", LocalApp.percentile(htmlTimes, 50), LocalApp.percentile(htmlTimes, 95), htmlCpu);
        System.out.printf("load average of the machine at the end: %.1f (%d cores)%n", os.getSystemLoadAverage(),
                os.getAvailableProcessors());

        // 4. the AWS CLI over the 48 account-regions
        if (cli) {
            AwsCliLoop loop = new AwsCliLoop(stack, app.getBean(EnabledRegions.class), app.getBean(AccountDirectory.class));
            AwsCliLoop.Result sequential = loop.run(1);
            AwsCliLoop.Result parallel = loop.run(16);
            System.out.printf("AWS CLI, 48 describe-instances (same filter, tag:Name=*api* for the text): sequential %.1f s,"
                            + " 16 in parallel %.1f s (%d instances found) | ÷ API p50: %.0f× and %.0f× (target ≥ 50×)%n",
                    sequential.seconds(), parallel.seconds(), parallel.found(), sequential.seconds() * 1000 / apiP50,
                    parallel.seconds() * 1000 / apiP50);
        }
    }

    /** The answer as the application computed it before the inventory: every account-region read on each request. */
    private static final class LivePath implements AutoCloseable {
        private final Ec2Gateway gateway;
        private final List<AccountRegion> all = new ArrayList<>();
        private final ExecutorService pool = Executors.newFixedThreadPool(16);

        LivePath(ConfigurableApplicationContext app) {
            this.gateway = app.getBean(Ec2Gateway.class);
            EnabledRegions regions = app.getBean(EnabledRegions.class);
            for (AwsAccount account : app.getBean(AccountDirectory.class).all()) {
                regions.of(account).forEach(region -> all.add(new AccountRegion(account, region)));
            }
        }

        List<String> page() throws Exception {
            List<Future<List<Instance>>> reads = new ArrayList<>();
            for (AccountRegion where : all) {
                reads.add(pool.submit(() -> gateway.describeInstances(where, Ec2Caller.system("bench"))));
            }
            List<Instance> matching = new ArrayList<>();
            for (Future<List<Instance>> read : reads) {
                read.get().stream().filter(QUERY::matches).forEach(matching::add);
            }
            matching.sort(QUERY.sort().comparator());
            return matching.subList(0, Math.min(100, matching.size())).stream().map(Instance::id).toList();
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    /** {@code aws ec2 describe-instances} per account-region with EC2's filters, with each account's assumed role. */
    private static final class AwsCliLoop {
        private final List<String[]> targets = new ArrayList<>();
        private final Map<String, Credentials> credentials = new java.util.HashMap<>();
        private final String endpoint;

        record Result(double seconds, int found) {
        }

        AwsCliLoop(LocalStack stack, EnabledRegions regions, AccountDirectory accounts) {
            this.endpoint = stack.ec2Endpoint().toString();
            try (StsClient sts = StsClient.builder().endpointOverride(stack.ec2Endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "secret")))
                    .build()) {
                for (AwsAccount account : accounts.all()) {
                    credentials.put(account.id(), sts.assumeRole(r -> r.roleArn(account.roleArn()).roleSessionName("bench")
                            .externalId(account.externalId())).credentials());
                    regions.of(account).forEach(region -> targets.add(new String[] {account.id(), region}));
                }
            }
        }

        Result run(int parallelism) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(parallelism);
            long start = System.nanoTime();
            List<Future<Integer>> counts = new ArrayList<>();
            for (String[] target : targets) {
                counts.add(pool.submit(() -> describe(target[0], target[1])));
            }
            int found = 0;
            for (Future<Integer> count : counts) {
                found += count.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            return new Result(seconds, found);
        }

        private int describe(String account, String region) throws Exception {
            Credentials c = credentials.get(account);
            ProcessBuilder command = new ProcessBuilder("aws", "ec2", "describe-instances", "--endpoint-url", endpoint,
                    "--region", region, "--output", "json", "--filters", "Name=instance-state-name,Values=running",
                    "Name=tag:Environment,Values=production", "Name=tag:Name,Values=*api*",
                    "--query", "length(Reservations[].Instances[])").redirectErrorStream(true);
            command.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", c.accessKeyId(),
                    "AWS_SECRET_ACCESS_KEY", c.secretAccessKey(), "AWS_SESSION_TOKEN", c.sessionToken(),
                    "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null", "AWS_PAGER", ""));
            Process process = command.start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("aws ec2 describe-instances failed in " + account + "/" + region + ": " + out);
            }
            return Integer.parseInt(out);
        }
    }

    /** CPU time of the web server's request threads: what answering the requests cost, without the client or background work. */
    private static long serverCpu(ThreadMXBean threads) {
        return cpuOfThreads(threads, "http-nio-");
    }

    /** CPU time of the inventory's reading threads. */
    private static long readerCpu(ThreadMXBean threads) {
        return cpuOfThreads(threads, "inventory-");
    }

    private static long cpuOfThreads(ThreadMXBean threads, String namePrefix) {
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(namePrefix)) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static List<Double> times(HttpClient client, HttpRequest request, int runs, int warmups) throws Exception {
        return times(client, Collections.nCopies(runs + warmups, request), warmups);
    }

    /** Sends the requests in turn; times all but the first {@code warmups}. */
    private static List<Double> times(HttpClient client, List<HttpRequest> requests, int warmups) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            long start = System.nanoTime();
            send(client, requests.get(i));
            if (i >= warmups) {
                times.add((System.nanoTime() - start) / 1e6);
            }
        }
        return times;
    }

    private static void send(HttpClient client, HttpRequest request) throws Exception {
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
        }
    }
}
