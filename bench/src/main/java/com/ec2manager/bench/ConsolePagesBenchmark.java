package com.ec2manager.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.ec2manager.Ec2ManagerApplication;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.instances.Ec2Caller;
import com.ec2manager.instances.Instance;
import com.ec2manager.instances.InstanceState;
import com.ec2manager.instances.InstanceListing;
import com.ec2manager.instances.InstanceQuery;
import com.ec2manager.instances.Inventory;
import com.ec2manager.localaws.LocalStack;
import com.ec2manager.localaws.LocalStackSettings;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitUntilState;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The console's main pages on the large fleet (3 accounts × 16 regions, 30,000 instances), the
 * whole application in this JVM against the local stack, as {@link InventoryBenchmark} starts it.
 * After one full refresh and the first pass of the average-CPU reader it prints, side by side with
 * the targets:
 *
 * <ol>
 *   <li>server time (request to last byte on loopback, signed in with a session cookie), p50 and
 *       p95: the instances page's first render (100 rows), a filter change (the same page with a
 *       filter and a search never asked before, as htmx asks for it), the page sorted by average
 *       CPU, and the dashboard;</li>
 *   <li>browser time in Chromium (Playwright): the instances page loaded (navigation start to the
 *       load event) and a filter change (the state select changed to the table swapped in);</li>
 *   <li>page weight of each main page, cold (empty cache) and warm: bytes on the wire and
 *       requests, and how many the cache answered.</li>
 * </ol>
 *
 * <p>System properties: {@code bench.runs} (default 60), {@code bench.browserRuns} (default 15),
 * {@code bench.dataDir}, {@code browser.executable} (default {@code /usr/bin/chromium}).
 */
public final class ConsolePagesBenchmark {

    private static final List<String> ACCOUNTS = List.of("123456789012", "210987654321", "345678901234");
    private static final List<String> WORDS = List.of("api", "web", "worker", "batch", "cache", "db", "kafka", "etl");
    private static final List<String> STATES = List.of("running", "stopped");

    private ConsolePagesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 60);
        int browserRuns = Integer.getInteger("bench.browserRuns", 15);
        Path dataDir = Path.of(System.getProperty("bench.dataDir", "bench/target/console-pages-bench"))
                .resolve(UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dataDir);
        LocalStackSettings settings = new LocalStackSettings("127.0.0.1", dataDir, LocalApp.freePort(), LocalApp.freePort(),
                LocalApp.freePort(), LocalApp.freePort());
        try (LocalStack stack = LocalStack.start(settings, ec2 -> ec2.withLargeAccounts().withDataDir(null))) {
            int port = LocalApp.freePort();
            List<String> arguments = new ArrayList<>(List.of("--server.port=" + port,
                    "--ec2manager.local.start-stack=false",
                    "--ec2manager.local.data-dir=" + dataDir,
                    "--ec2manager.local.dynamodb-port=" + settings.dynamoDbPort(),
                    "--ec2manager.local.ec2-port=" + settings.ec2Port(),
                    "--ec2manager.local.cognito-port=" + settings.cognitoPort(),
                    "--ec2manager.local.s3-port=" + settings.s3Port(),
                    "--ec2manager.aws.endpoints.cloudwatch=" + stack.cloudWatchEndpoint(),
                    "--ec2manager.inventory.enabled=false",
                    "--ec2manager.inventory.parallelism=4",
                    // 60,000 DescribeInstanceAttribute calls in the background are not what is measured here
                    "--ec2manager.inventory.protection-interval=0s"));
            arguments.addAll(LocalApp.largeFleetTuning());
            arguments.addAll(LocalApp.accountArguments(ACCOUNTS));
            ConfigurableApplicationContext app = new SpringApplication(Ec2ManagerApplication.class)
                    .run(arguments.toArray(String[]::new));
            try {
                run(app, "http://127.0.0.1:" + port, runs, browserRuns);
            } finally {
                app.close();
            }
        }
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext app, String base, int runs, int browserRuns) throws Exception {
        Inventory inventory = app.getBean(Inventory.class);
        InstanceListing listing = app.getBean(InstanceListing.class);
        System.out.println("Console pages benchmark: 3 accounts × 16 regions, 30,000 instances; "
                + Runtime.getRuntime().availableProcessors() + " cores");
        long start = System.nanoTime();
        inventory.tick().join();
        System.out.printf("inventory read: %,d instances in %.1f s%n", inventory.instanceCount(), (System.nanoTime() - start) / 1e9);
        // the average-CPU reader runs on its own schedule: wait for its first pass over the fleet
        start = System.nanoTime();
        long withCpu = 0;
        while (System.nanoTime() - start < 600e9) {
            withCpu = listing.list(InstanceQuery.ALL, Ec2Caller.system("bench")).instances().stream()
                    .filter(i -> i.cpuAverage() != null).count();
            if (withCpu > 10_000) {
                break;
            }
            Thread.sleep(2000);
        }
        Thread.sleep(5000);
        withCpu = listing.list(InstanceQuery.ALL, Ec2Caller.system("bench")).instances().stream()
                .filter(i -> i.cpuAverage() != null).count();
        System.out.printf("average CPU known for %,d instances (the running ones) after %.1f s%n", withCpu,
                (System.nanoTime() - start) / 1e9);

        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        LocalApp.signIn(browser, base);
        AtomicLong counter = new AtomicLong();
        List<Double> first = times(browser, runs, () -> get(base + "/instances", false));
        List<Double> filter = times(browser, runs, () -> {
            long n = counter.incrementAndGet();
            HttpRequest request = get(base + "/instances?state=" + STATES.get((int) (n % 2)) + "&q="
                    + WORDS.get((int) (n % WORDS.size())) + "-" + (n % 97) + "&tag=Environment%3Dproduction", true);
            // as the filter form's htmx asks: its target is the results
            return HttpRequest.newBuilder(request, (name, value) -> true).header("HX-Target", "instances-results").build();
        });
        List<Double> cpuSort = times(browser, runs, () -> get(base + "/instances?state=running&sort=cpu", true));
        List<Double> dashboard = times(browser, runs, () -> get(base + "/", false));
        // side by side: every view after a change, so that the dashboard reads everything again, as
        // every view did before it kept its figures (an audit record written, an instance changed)
        AuditTrail audit = app.getBean(AuditTrail.class);
        List<Instance> some = listing.list(InstanceQuery.ALL, Ec2Caller.system("bench")).instances().subList(0, 2);
        List<Double> afterAuditChange = times(browser, runs, () -> {
            recordOne(audit, counter.incrementAndGet());
            return get(base + "/", false);
        });
        List<Double> afterAnyChange = times(browser, runs, () -> {
            long n = counter.incrementAndGet();
            recordOne(audit, n);
            Instance changed = some.get((int) (n % 2));
            listing.changed(changed, n % 4 < 2 ? InstanceState.STOPPED : changed.state());
            return get(base + "/", false);
        });
        List<Double> activity = times(browser, runs, () -> get(base + "/dashboard/activity", true));
        System.out.println();
        System.out.println("| server time (ms) | p50 | p95 | target |");
        System.out.println("|---|---:|---:|---|");
        row("instances page, first render (100 rows)", first, "≤ 300 ms");
        row("instances page, a filter change (never-asked search)", filter, "≤ 150 ms");
        row("instances page sorted by CPU 24 h (running)", cpuSort, "—");
        row("dashboard (nothing changed since the last view)", dashboard, "≤ 300 ms");
        row("dashboard, an audit record written before each view (its audit panels read again)", afterAuditChange, "—");
        row("dashboard, an audit record and an instance changed before each view (all read again)", afterAnyChange, "—");
        row("dashboard's activity chart (loaded after the page)", activity, "—");

        browserFigures(base, browserRuns);
    }

    private static void row(String what, List<Double> times, String target) {
        System.out.printf("| %s | %.1f | %.1f | %s |%n", what, LocalApp.percentile(times, 50), LocalApp.percentile(times, 95), target);
    }

    /** One record of a person's action, as the application writes it (a denial: written whole in one put). */
    private static void recordOne(AuditTrail audit, long n) {
        audit.record(new AuditIntent(new AuditActor("bench-user", "bench@example.com", "127.0.0.1", "bench"),
                AuditAction.STOP_INSTANCE, ResourceType.EC2_INSTANCE, "i-bench" + n,
                AuditDetails.ofInstance("t3.micro", "running", "us-east-1", "benchmark"), "bench-" + n),
                AuditResult.denied("readonly"));
    }

    private static HttpRequest get(String url, boolean htmx) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET();
        if (htmx) {
            request.header("HX-Request", "true");
        }
        return request.build();
    }

    private static List<Double> times(HttpClient client, int runs, java.util.function.Supplier<HttpRequest> next)
            throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs + runs / 4; i++) {
            HttpRequest request = next.get();
            long start = System.nanoTime();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            double ms = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
            }
            if (i >= runs / 4) {
                times.add(ms);
            }
        }
        return times;
    }

    private static void browserFigures(String base, int runs) {
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(Paths.get(System.getProperty("browser.executable", "/usr/bin/chromium")))
                     .setArgs(List.of("--no-sandbox")))) {
            BrowserContext context = chromium.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900));
            Page page = context.newPage();
            page.navigate(base + "/sign-in");
            page.getByLabel("E-mail address").fill("admin@example.com");
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("Local-Admin-2025!");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            page.waitForURL(base + "/");

            List<Double> loads = new ArrayList<>();
            List<Double> firstByte = new ArrayList<>();
            List<Double> parsed = new ArrayList<>();
            List<Double> changes = new ArrayList<>();
            List<Double> fromEvent = new ArrayList<>();
            List<Double> answered = new ArrayList<>();
            for (int i = 0; i < runs + 3; i++) {
                page.navigate(base + "/instances", new Page.NavigateOptions().setWaitUntil(WaitUntilState.LOAD));
                List<?> navigation = (List<?>) page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0];"
                        + " return [n.loadEventEnd - n.startTime, n.responseStart - n.startTime, n.domInteractive - n.startTime]; }");
                // from Playwright's call (its own checks included, as measured before) and from the change event itself
                page.evaluate("() => { window.benchSwapped = false; window.benchMarks = {};"
                        + " document.addEventListener('change', () => { window.benchMarks.event = performance.now(); }, { once: true, capture: true });"
                        + " document.addEventListener('htmx:beforeSwap', () => { window.benchMarks.answer = performance.now(); }, { once: true });"
                        + " document.addEventListener('htmx:afterSettle', () => { window.benchMarks.settled = performance.now();"
                        + " window.benchSwapped = true; }, { once: true }); window.benchStart = performance.now(); }");
                page.locator("#f-state").selectOption(i % 2 == 0 ? "running" : "stopped");
                page.waitForFunction("() => window.benchSwapped === true");
                List<?> change = (List<?>) page.evaluate("() => { const m = window.benchMarks;"
                        + " return [m.settled - window.benchStart, m.settled - m.event, m.answer - m.event]; }");
                if (i >= 3) {
                    loads.add(((Number) navigation.get(0)).doubleValue());
                    firstByte.add(((Number) navigation.get(1)).doubleValue());
                    parsed.add(((Number) navigation.get(2)).doubleValue());
                    changes.add(((Number) change.get(0)).doubleValue());
                    fromEvent.add(((Number) change.get(1)).doubleValue());
                    answered.add(((Number) change.get(2)).doubleValue());
                }
            }
            System.out.println();
            System.out.println("| browser time in Chromium (ms) | p50 | p95 | target |");
            System.out.println("|---|---:|---:|---|");
            row("instances page, navigation to load event", loads, "≤ 300 ms");
            row("… of which navigation to the first byte (the server)", firstByte, "—");
            row("… navigation to the document parsed (DOM interactive)", parsed, "—");
            row("instances page, state filter changed to table swapped (from Playwright's selectOption call)", changes, "—");
            row("instances page, state filter changed to table swapped (from the change event)", fromEvent, "≤ 150 ms");
            row("… of which the change event to the answer received (htmx:beforeSwap)", answered, "—");

            CDPSession cdp = context.newCDPSession(page);
            cdp.send("Network.enable");
            AtomicLong bytes = new AtomicLong();
            AtomicLong requests = new AtomicLong();
            AtomicLong cached = new AtomicLong();
            cdp.on("Network.responseReceived", event -> requests.incrementAndGet());
            cdp.on("Network.loadingFinished", event -> bytes.addAndGet(event.get("encodedDataLength").getAsLong()));
            cdp.on("Network.requestServedFromCache", event -> cached.incrementAndGet());
            System.out.println();
            System.out.println("| page weight | cold bytes | cold requests | warm bytes | warm requests (from cache) |");
            System.out.println("|---|---:|---:|---:|---:|");
            for (String path : List.of("/", "/instances", "/audit", "/users", "/account")) {
                long[] cold = new long[3];
                long[] warm = new long[3];
                for (long[] figures : new long[][] {cold, warm}) {
                    if (figures == cold) {
                        cdp.send("Network.clearBrowserCache");
                    }
                    bytes.set(0);
                    requests.set(0);
                    cached.set(0);
                    page.navigate(base + path, new Page.NavigateOptions().setWaitUntil(WaitUntilState.LOAD));
                    page.waitForTimeout(1500); // what the page loads after its load event (charts, panels)
                    figures[0] = bytes.get();
                    figures[1] = requests.get();
                    figures[2] = cached.get();
                }
                System.out.printf("| %s | %,d | %d | %,d | %d (%d) |%n", path, cold[0], cold[1], warm[0], warm[1], warm[2]);
            }
        }
    }
}
