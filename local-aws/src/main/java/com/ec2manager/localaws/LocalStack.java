package com.ec2manager.localaws;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.ec2manager.localaws.cloudwatch.CloudWatchEmulator;
import com.ec2manager.localaws.cloudwatch.CloudWatchEmulatorSettings;
import com.ec2manager.localaws.cognito.CognitoEmulator;
import com.ec2manager.localaws.cognito.CognitoEmulatorSettings;
import com.ec2manager.localaws.cognito.SeedUser;
import com.ec2manager.localaws.dynamodb.DynamoDbLocalProcess;
import com.ec2manager.localaws.dynamodb.DynamoDbLocalSettings;
import com.ec2manager.localaws.ec2.Ec2Emulator;
import com.ec2manager.localaws.ec2.Ec2EmulatorSettings;
import com.ec2manager.localaws.ec2.FleetSpec;
import com.ec2manager.localaws.s3.S3Emulator;
import com.ec2manager.localaws.s3.S3EmulatorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything local mode needs in place of AWS, started together (each stand-in on a thread of its
 * own, DynamoDB Local's JVM booting meanwhile) and stopped together: DynamoDB Local, the EC2 emulator, the
 * Cognito emulator, the S3 emulator and the CloudWatch stand-in (whose series follow the EC2
 * emulator's fleet: a running production instance is busy, a development box idle).
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    static {
        // The JDK reads this once, before its first HttpServer; without it small answers wait
        // for Nagle's algorithm and every emulator call costs ~40 ms more.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final LocalStackSettings settings;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final DynamoDbLocalProcess dynamoDb;
    private final CognitoEmulator cognito;
    private final Ec2Emulator ec2;
    private final S3Emulator s3;
    private final CloudWatchEmulator cloudWatch;

    private LocalStack(LocalStackSettings settings, UnaryOperator<Ec2EmulatorSettings> ec2Settings) {
        this.settings = settings;
        // Each stand-in starts on a thread of its own (DynamoDB Local's JVM takes seconds to boot, the
        // Cognito emulator makes its signing keys and hashes the seeded passwords); the CloudWatch
        // stand-in follows the EC2 emulator, whose fleet its series describe ...
        CompletableFuture<DynamoDbLocalProcess> dynamoDbStart = onThread("dynamodb-local-start",
                () -> DynamoDbLocalProcess.start(DynamoDbLocalSettings.onDisk(settings.host(), settings.dynamoDbPort(),
                        settings.dataDir().resolve("dynamodb"))));
        CompletableFuture<Ec2Emulator> ec2Start = onThread("ec2-emulator-start",
                () -> Ec2Emulator.start(ec2Settings.apply(Ec2EmulatorSettings.localMode(settings.host(),
                        settings.ec2Port(), settings.dataDir().resolve("ec2"))), Clock.systemUTC()));
        CompletableFuture<CognitoEmulator> cognitoStart = onThread("cognito-emulator-start", () -> {
            CognitoEmulatorSettings cognitoSettings = CognitoEmulatorSettings.defaults(settings.host(),
                    settings.cognitoPort(), settings.dataDir());
            return CognitoEmulator.start(settings.cognitoRealIssuer() ? cognitoSettings.withCognitoIssuer() : cognitoSettings);
        });
        CompletableFuture<S3Emulator> s3Start = onThread("s3-emulator-start", () -> S3Emulator.start(
                new S3EmulatorSettings(settings.host(), settings.s3Port(), settings.dataDir().resolve("s3")), Clock.systemUTC()));
        // ... and DynamoDB Local too: on port 0 it would otherwise be free to take the port DynamoDB
        // Local was given and has not bound yet (its JVM binds seconds later, and then finds an answer there)
        CompletableFuture<CloudWatchEmulator> cloudWatchStart = ec2Start.thenCombine(dynamoDbStart, (ec2, dynamoDb) ->
                CloudWatchEmulator.start(new CloudWatchEmulatorSettings(settings.host(), settings.cloudWatchPort()),
                        ec2.workloads()));
        // every start is awaited, so that a failure of one never leaves another running unseen
        List<CompletableFuture<? extends AutoCloseable>> starts = List.of(ec2Start, cognitoStart, s3Start, cloudWatchStart,
                dynamoDbStart);
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            starts.forEach(start -> start.thenAccept(LocalStack::closeQuietly));
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        this.ec2 = remember(ec2Start.join());
        this.cognito = remember(cognitoStart.join());
        this.s3 = remember(s3Start.join());
        this.cloudWatch = remember(cloudWatchStart.join());
        this.dynamoDb = remember(dynamoDbStart.join());
        logSignIns();
    }

    private static <T> CompletableFuture<T> onThread(String name, Supplier<T> start) {
        return CompletableFuture.supplyAsync(start, task -> new Thread(task, name).start());
    }

    private static void closeQuietly(AutoCloseable service) {
        try {
            service.close();
        } catch (Exception e) {
            log.warn("a local stand-in did not stop cleanly", e);
        }
    }

    public static LocalStack start(LocalStackSettings settings) {
        return start(settings, FleetSpec.standard());
    }

    /** Starts the stack with the EC2 emulator seeding {@code ec2Fleet} (when its data folder is empty). */
    public static LocalStack start(LocalStackSettings settings, FleetSpec ec2Fleet) {
        return new LocalStack(settings, ec2 -> ec2.withFleet(ec2Fleet));
    }

    /** Starts the stack with the EC2 emulator's settings adjusted by {@code ec2Settings}. */
    public static LocalStack start(LocalStackSettings settings, UnaryOperator<Ec2EmulatorSettings> ec2Settings) {
        return new LocalStack(settings, ec2Settings);
    }

    public URI dynamoDbEndpoint() {
        return dynamoDb.endpoint();
    }

    /** The Cognito emulator: its endpoint, pool and client ids, issuer, outbox and seeded users. */
    public CognitoEmulator cognito() {
        return cognito;
    }

    public URI cognitoEndpoint() {
        return cognito.endpoint();
    }

    private void logSignIns() {
        for (SeedUser user : cognito.seededUsers()) {
            log.info("Local sign-in as {}: {} / {} (unless changed since)", user.role(), user.email(), user.password());
        }
        log.info("E-mails Cognito would send (temporary passwords, reset codes): {}/outbox", cognito.endpoint());
    }

    public URI ec2Endpoint() {
        return ec2.endpoint();
    }

    /** The EC2 emulator itself: calls received, call listeners, faults per region. */
    public Ec2Emulator ec2() {
        return ec2;
    }

    public URI s3Endpoint() {
        return s3.endpoint();
    }

    /** The CloudWatch stand-in's endpoint (GetMetricData for the AWS/EC2 metrics). */
    public URI cloudWatchEndpoint() {
        return cloudWatch.endpoint();
    }

    /** The SNS stand-in, on the S3 emulator's port: topics and what was published to them. */
    public com.ec2manager.localaws.sns.SnsTopics sns() {
        return s3.sns();
    }

    public LocalStackSettings settings() {
        return settings;
    }

    private <T extends AutoCloseable> T remember(T service) {
        started.push(service);
        return service;
    }

    /** Stops the stand-ins in the reverse order of their start. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            closeQuietly(started.pop());
        }
    }

    /**
     * Runs the local stack on its own, for other clients such as the AWS CLI:
     * {@code java -jar ec2-manager.jar local-stack [dataDir]}.
     */
    public static void main(String[] args) {
        LocalStackSettings defaults = LocalStackSettings.defaults();
        Path dataDir = args.length > 0 ? Path.of(args[0]) : defaults.dataDir();
        boolean large = "large".equals(System.getProperty("ec2.fleet"));
        LocalStack stack = start(new LocalStackSettings(defaults.host(), dataDir,
                Integer.getInteger("dynamodb.port", defaults.dynamoDbPort()),
                Integer.getInteger("ec2.port", defaults.ec2Port()),
                Integer.getInteger("cognito.port", defaults.cognitoPort()),
                Integer.getInteger("s3.port", defaults.s3Port()),
                Boolean.getBoolean("cognito.real-issuer"),
                Integer.getInteger("cloudwatch.port", defaults.cloudWatchPort())), ec2 -> large ? ec2.withLargeAccounts() : ec2);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        log.info("Local stack ready: DynamoDB {}, EC2 {}, Cognito {} (pool {}, client {}), S3 {}, CloudWatch {}; "
                        + "press Ctrl+C to stop", stack.dynamoDbEndpoint(), stack.ec2Endpoint(), stack.cognitoEndpoint(),
                stack.cognito().userPoolId(), stack.cognito().clientId(), stack.s3Endpoint(), stack.cloudWatchEndpoint());
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
