package com.ec2manager.bench;

import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ec2manager.Ec2ManagerApplication;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.ResourceType;
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

/**
 * The console's server time against the JSON API's for the same data, with the whole
 * application running in local mode over a fleet of 1,000 instances (3 regions):
 * the instances page against {@code GET /api/v1/instances}, and a 50-row audit log page against
 * {@code GET /api/v1/audit?limit=50}. Times are measured on loopback from request to the last
 * byte, medians and p90 of alternating runs after a warm-up; the listing cache is off, so every
 * request reads EC2 (the emulator) again.
 *
 * <p>System properties: {@code bench.instances} (default 1000), {@code bench.records} (audit
 * records written first, default 300), {@code bench.runs} (default 40), {@code bench.warmups}
 * (default 10), {@code bench.dataDir} (default {@code bench/target/console-bench}).
 */
public final class ConsoleBenchmark {

    private ConsoleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int instances = Integer.getInteger("bench.instances", 1000);
        int records = Integer.getInteger("bench.records", 300);
        int runs = Integer.getInteger("bench.runs", 40);
        int warmups = Integer.getInteger("bench.warmups", 10);
        Path dataDir = Path.of(System.getProperty("bench.dataDir", "bench/target/console-bench"))
                .resolve(UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dataDir);

        LocalStackSettings settings = new LocalStackSettings("127.0.0.1", dataDir, LocalApp.freePort(), LocalApp.freePort(),
                LocalApp.freePort(), LocalApp.freePort());
        try (LocalStack stack = LocalStack.start(settings,
                new FleetSpec(List.of("us-east-1", "eu-west-1", "ap-southeast-2"), instances, FleetSpec.DEFAULT_SEED))) {
            int port = LocalApp.freePort();
            List<String> arguments = new java.util.ArrayList<>(LocalApp.stackArguments(stack, dataDir));
            arguments.addAll(List.of("--server.port=" + port,
                    "--ec2manager.audit.reconciler.enabled=false",
                    "--logging.level.root=WARN"));
            ConfigurableApplicationContext app = new SpringApplication(Ec2ManagerApplication.class)
                    .run(arguments.toArray(String[]::new));
            try {
                String base = "http://127.0.0.1:" + port;
                seedAudit(app.getBean(AuditTrail.class), records);
                HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
                LocalApp.signIn(browser, base);
                HttpClient api = HttpClient.newHttpClient();
                String token = LocalApp.accessToken(stack);

                System.out.printf("Console benchmark: %d instances in 3 regions, %d audit records, %d runs after %d warm-ups%n",
                        instances, records, runs, warmups);
                compare("instances", browser, base + "/instances",
                        api, base + "/api/v1/instances", token, runs, warmups);
                compare("audit 50 rows", browser, base + "/audit?limit=50",
                        api, base + "/api/v1/audit?limit=50", token, runs, warmups);
            } finally {
                app.close();
            }
        }
    }

    private static void compare(String name, HttpClient browser, String pageUrl,
                                HttpClient api, String apiUrl, String token, int runs, int warmups) throws Exception {
        HttpRequest page = HttpRequest.newBuilder(URI.create(pageUrl)).header("Accept", "text/html").GET().build();
        HttpRequest json = HttpRequest.newBuilder(URI.create(apiUrl)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build();
        for (int i = 0; i < warmups; i++) {
            time(browser, page);
            time(api, json);
        }
        List<Double> pageTimes = new ArrayList<>();
        List<Double> apiTimes = new ArrayList<>();
        long pageBytes = 0;
        long apiBytes = 0;
        for (int i = 0; i < runs; i++) {
            Timed p = time(browser, page);
            Timed a = time(api, json);
            pageTimes.add(p.millis());
            apiTimes.add(a.millis());
            pageBytes = p.bytes();
            apiBytes = a.bytes();
        }
        double pageMedian = LocalApp.percentile(pageTimes, 50);
        double apiMedian = LocalApp.percentile(apiTimes, 50);
        System.out.printf("%-14s page %7.1f ms median, %7.1f ms p90, %7d bytes | API %7.1f ms median, %7.1f ms p90, %7d bytes | page/API %.2f%n",
                name, pageMedian, LocalApp.percentile(pageTimes, 90), pageBytes, apiMedian, LocalApp.percentile(apiTimes, 90), apiBytes,
                pageMedian / apiMedian);
    }

    private record Timed(double millis, long bytes) {
    }

    private static Timed time(HttpClient client, HttpRequest request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
        }
        return new Timed(millis, response.body().length);
    }

    /** Audit records as the action path writes them, over 300 instances and both outcomes. */
    private static void seedAudit(AuditTrail audit, int records) {
        AuditActor actor = new AuditActor("bench-user", "bench@example.com", "127.0.0.1", "bench");
        for (int i = 0; i < records; i++) {
            String instance = String.format("i-%017x", 0xbe00000L + (i % 300));
            AuditIntent intent = new AuditIntent(actor, i % 3 == 0 ? AuditAction.STOP_INSTANCE : AuditAction.REBOOT_INSTANCE,
                    ResourceType.EC2_INSTANCE, instance,
                    AuditDetails.ofInstance("t3.micro", "running", "us-east-1", "benchmark record " + i), "bench-" + i);
            audit.record(intent, i % 10 == 0 ? AuditResult.failed("IncorrectInstanceState", "not running", "aws-" + i)
                    : AuditResult.succeeded("stopping", "aws-" + i));
        }
    }
}
