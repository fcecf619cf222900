package com.ec2manager.action;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.ec2manager.Ec2ManagerApplication;
import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.localaws.cognito.CognitoEmulator;
import com.ec2manager.localaws.ec2.Ec2Call;
import com.ec2manager.localaws.ec2.Ec2Emulator;
import com.ec2manager.localaws.ec2.Ec2EmulatorSettings;
import com.ec2manager.localaws.ec2.Ec2Fault;
import com.ec2manager.localaws.ec2.FleetSpec;
import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.localaws.ec2.InstanceState;
import com.ec2manager.testing.DynamoDbClients;
import com.ec2manager.testing.FreePorts;
import com.ec2manager.testing.RestartableDynamoDbLocal;
import com.ec2manager.testing.TestLocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The application killed with SIGKILL ({@link Process#destroyForcibly()} on Linux) while an action's
 * EC2 call is in flight — after its PENDING record was written, before the completion. Nothing of
 * the dead process can finish the record; the next start's reconciler (its start-up and timer runs,
 * nobody calling it) settles it from the instance's real state as INFERRED, never as SUCCEEDED or
 * FAILED, which only EC2's answer could justify.
 *
 * <p>The first run is a child JVM on the test's class path; the second starts in this JVM. Both use
 * a DynamoDB Local and an EC2 emulator of this test's own and the shared stack's Cognito emulator.
 */
class CrashMidActionIT {

    private static final String REGION = "us-east-1";
    private static final String PASSWORD = "Crash-Test-Admin-1!";

    private final Path dataDir = Path.of("target", "crash-it", UUID.randomUUID().toString()).toAbsolutePath();
    private RestartableDynamoDbLocal dynamoDb;
    private Ec2Emulator ec2;
    private Process child;

    @BeforeEach
    void ownStack() {
        dynamoDb = RestartableDynamoDbLocal.start();
        ec2 = Ec2Emulator.start(Ec2EmulatorSettings.forTests(null)
                .withFleet(new FleetSpec(List.of(REGION), 20, FleetSpec.DEFAULT_SEED + 9))
                .withTransitionDelay(Duration.ofMillis(500)), Clock.systemUTC());
    }

    @AfterEach
    void stopAll() {
        if (child != null) {
            child.destroyForcibly();
        }
        ec2.close();
        dynamoDb.close();
    }

    @Test
    void aRecordLeftPendingByAKilledProcessIsSettledInferredByTheNextStartsReconciler() throws Exception {
        InstanceSnapshot target = ec2.instances(REGION).stream()
                .filter(i -> i.state() == InstanceState.RUNNING && !i.disableApiStop() && i.autoScalingGroup() == null)
                .findFirst().orElseThrow();
        String admin = admin();
        String token = accessToken(admin);
        int port = FreePorts.next();
        child = startChild(port);
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        waitFor(Duration.ofSeconds(150), () -> get(http, base + "/api/v1/instances/" + target.instanceId(), token) == 200,
                "the child application to serve the instance");

        // EC2 holds the call: it is in flight when the process dies
        ec2.failRegion(REGION, Ec2Fault.slow(Duration.ofSeconds(3)));
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/instances/" + target.instanceId() + "/stop"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"crash test\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        waitFor(Duration.ofSeconds(30), () -> stopCalls(target) > 0, "the stop call to reach EC2");
        child.destroyForcibly().waitFor();
        ec2.healRegion(REGION);
        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).as("the caller never got an answer")
                .isInstanceOf(ExecutionException.class);

        List<Map<String, AttributeValue>> written = auditItems(target.instanceId());
        assertThat(written).as("the PENDING record was written before the call").singleElement()
                .satisfies(item -> assertThat(item.get("outcome").s()).isEqualTo("PENDING"));

        try (ConfigurableApplicationContext second = startSecond()) {
            AuditTrail audit = second.getBean(AuditTrail.class);
            waitFor(Duration.ofSeconds(30), () -> settled(audit, target.instanceId()), "the reconciler to settle it");
            assertThat(audit.query(AuditQuery.byResource(target.instanceId())).records()).singleElement()
                    .satisfies(record -> {
                        assertThat(record.outcome()).isEqualTo(AuditOutcome.INFERRED);
                        assertThat(record.inference()).startsWith("PROBABLY_PERFORMED");
                        assertThat(record.newState()).isIn("stopping", "stopped");
                    });
        }
        assertThat(stopCalls(target)).as("nobody asked EC2 again").isEqualTo(1);
    }

    /** The first run: the application in a JVM of its own, killed later. */
    private Process startChild(int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Ec2ManagerApplication.class.getName(), "--server.port=" + port));
        command.addAll(arguments());
        command.add("--ec2manager.audit.reconciler.enabled=false");
        Files.createDirectories(dataDir);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("child.log").toFile()).start();
    }

    /** The second run, with its reconciler on: a short grace (and timeouts shorter still), a pass every second. */
    private ConfigurableApplicationContext startSecond() {
        List<String> arguments = new ArrayList<>(arguments());
        arguments.addAll(List.of("--server.port=0",
                "--ec2manager.audit.reconciler.enabled=true",
                "--ec2manager.audit.reconciler.start-delay=0s",
                "--ec2manager.audit.reconciler.interval=1s",
                "--ec2manager.audit.reconciler.grace=6s",
                "--ec2manager.aws.timeouts.dynamodb-attempt=1s", "--ec2manager.aws.timeouts.dynamodb-call=2s",
                "--ec2manager.aws.timeouts.ec2-attempt=1s", "--ec2manager.aws.timeouts.ec2-call=2s",
                "--ec2manager.aws.timeouts.cognito-attempt=1s", "--ec2manager.aws.timeouts.cognito-call=2s",
                "--ec2manager.aws.timeouts.s3-attempt=1s", "--ec2manager.aws.timeouts.s3-call=2s"));
        return new SpringApplicationBuilder(Ec2ManagerApplication.class).run(arguments.toArray(String[]::new));
    }

    /** The shared stack's Cognito; this test's own data folder, DynamoDB Local and EC2 emulator. */
    private List<String> arguments() {
        List<String> own = List.of(
                "--ec2manager.local.data-dir=" + dataDir,
                "--ec2manager.aws.endpoints.dynamodb=" + dynamoDb.endpoint(),
                "--ec2manager.aws.endpoints.ec2=" + ec2.endpoint(),
                "--ec2manager.aws.endpoints.sts=" + ec2.endpoint());
        // an option given twice would be read as both values joined: the shared one is left out
        List<String> arguments = new ArrayList<>(TestLocalStack.applicationArguments().stream()
                .filter(shared -> own.stream().noneMatch(o -> o.startsWith(shared.substring(0, shared.indexOf('=') + 1))))
                .toList());
        arguments.addAll(own);
        return arguments;
    }

    private long stopCalls(InstanceSnapshot target) {
        return ec2.calls().stream().filter(call -> call.operation().equals("StopInstances")
                && call.instanceIds().contains(target.instanceId())).map(Ec2Call::requestId).distinct().count();
    }

    private List<Map<String, AttributeValue>> auditItems(String instanceId) {
        try (DynamoDbClient client = DynamoDbClients.local(dynamoDb.endpoint())) {
            return client.scan(r -> r.tableName("ec2-audit-logs").filterExpression("resourceId = :id")
                    .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(instanceId)))).items();
        }
    }

    private static boolean settled(AuditTrail audit, String instanceId) {
        return audit.query(AuditQuery.byResource(instanceId)).records().stream()
                .map(AuditRecord::outcome).anyMatch(AuditOutcome::isFinal);
    }

    /** An administrator of the shared Cognito pool of this test's own. */
    private static String admin() {
        CognitoEmulator pool = TestLocalStack.get().cognito();
        String email = "crash-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        try (CognitoIdentityProviderClient cognito = cognito()) {
            cognito.adminCreateUser(b -> b.userPoolId(pool.userPoolId()).username(email)
                    .messageAction(MessageActionType.SUPPRESS).temporaryPassword("Temporary-Pass-1!")
                    .userAttributes(t -> t.name("email").value(email), t -> t.name("email_verified").value("true"),
                            t -> t.name("given_name").value("Crash"), t -> t.name("family_name").value("Test"),
                            t -> t.name("custom:role").value("admin")));
            cognito.adminAddUserToGroup(b -> b.userPoolId(pool.userPoolId()).username(email).groupName("admin"));
            cognito.adminSetUserPassword(b -> b.userPoolId(pool.userPoolId()).username(email).password(PASSWORD)
                    .permanent(true));
        }
        return email;
    }

    private static String accessToken(String email) {
        try (CognitoIdentityProviderClient cognito = cognito()) {
            return cognito.initiateAuth(b -> b.clientId(TestLocalStack.get().cognito().clientId())
                    .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", email, "PASSWORD", PASSWORD)))
                    .authenticationResult().accessToken();
        }
    }

    private static CognitoIdentityProviderClient cognito() {
        return CognitoIdentityProviderClient.builder().endpointOverride(TestLocalStack.get().cognitoEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret")))
                .build();
    }

    private static int get(HttpClient http, String url, String token) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void waitFor(Duration limit, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what + " (child log: " + dataDir.resolve("child.log") + ")");
            }
            if (child != null && !child.isAlive() && what.startsWith("the child")) {
                throw new AssertionError("the child application died; see " + dataDir.resolve("child.log"));
            }
            Thread.sleep(200);
        }
    }
}
