package com.ec2manager.browser;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import com.ec2manager.localaws.LocalStackSettings;
import com.ec2manager.localaws.cloudwatch.CloudWatchEmulator;
import com.ec2manager.localaws.cloudwatch.CloudWatchEmulatorSettings;
import com.ec2manager.localaws.ec2.Ec2Emulator;
import com.ec2manager.localaws.testing.MutableClock;
import com.ec2manager.localaws.ec2.Ec2EmulatorSettings;
import com.ec2manager.localaws.ec2.FleetSpec;
import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.localaws.ec2.InstanceState;
import com.ec2manager.testing.TestLocalStack;
import org.springframework.test.context.DynamicPropertyRegistry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * What the console's browser tests and its JSON API's test ({@code web.ConsoleApiIT}) run against: the test JVM's shared local stack (DynamoDB
 * Local and the Cognito emulator) and an EC2 emulator of its own with a small fleet and short transitions, so that a stop
 * is seen to finish within a test.
 */
public final class ConsoleTestStack {

    public static final String ADMIN = "admin@example.com";
    public static final String ADMIN_PASSWORD = "Local-Admin-2025!";
    static final String READER = "readonly@example.com";
    static final String READER_PASSWORD = "Local-Reader-2025!";
    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2");

    private static Ec2Emulator ec2;
    private static CloudWatchEmulator cloudWatch;
    private static final Set<String> taken = ConcurrentHashMap.newKeySet();

    /** EC2's transitions wait for the test, not for the wall clock: {@link #finishTransitions()} ends them. */
    private static final Duration TRANSITION = Duration.ofMinutes(10);
    private static final MutableClock EC2_CLOCK = new MutableClock(Instant.now());

    private ConsoleTestStack() {
    }

    /** Moves the EC2 emulator's clock past every transition in progress (stopping → stopped, …). */
    static void finishTransitions() {
        EC2_CLOCK.advance(TRANSITION);
    }

    static synchronized void start() {
        if (ec2 == null) {
            ec2 = Ec2Emulator.start(Ec2EmulatorSettings.forTests(null)
                    .withFleet(new FleetSpec(REGIONS, 90, FleetSpec.DEFAULT_SEED + 5))
                    .withTransitionDelay(TRANSITION), EC2_CLOCK);
            Runtime.getRuntime().addShutdownHook(new Thread(ec2::close, "console-ec2-shutdown"));
            // the instance page's charts follow this fleet: a running production instance is busy
            cloudWatch = CloudWatchEmulator.start(CloudWatchEmulatorSettings.forTests(), ec2.workloads());
            Runtime.getRuntime().addShutdownHook(new Thread(cloudWatch::close, "console-cloudwatch-shutdown"));
        }
    }

    public static void register(DynamicPropertyRegistry registry) {
        start();
        TestLocalStack.register(registry);
        registry.add("ec2manager.aws.endpoints.ec2", () -> ec2.endpoint().toString());
        registry.add("ec2manager.aws.endpoints.sts", () -> ec2.endpoint().toString());
        registry.add("ec2manager.aws.endpoints.cloudwatch", () -> cloudWatch.endpoint().toString());
        // a stop is seen to finish within a test
        registry.add("ec2manager.inventory.transition-interval", () -> "1s");
        // the table's protection flags are read in the background, two calls per instance: within seconds here
        registry.add("ec2manager.inventory.calls-per-second", () -> "100");
        registry.add("ec2manager.inventory.call-burst", () -> "100");
    }

    static Ec2Emulator ec2() {
        start();
        return ec2;
    }

    static URI cognitoEndpoint() {
        LocalStackSettings settings = TestLocalStack.get().settings();
        return URI.create("http://" + settings.host() + ":" + settings.cognitoPort());
    }

    public static CognitoIdentityProviderClient cognitoClient() {
        return CognitoIdentityProviderClient.builder().endpointOverride(cognitoEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret")))
                .build();
    }

    /** Reserves an instance matching the condition that no other test has taken. */
    public static synchronized InstanceSnapshot take(Predicate<InstanceSnapshot> condition) {
        InstanceSnapshot chosen = REGIONS.stream().flatMap(region -> ec2().instances(region).stream())
                .filter(condition).filter(instance -> !taken.contains(instance.instanceId()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no such instance left in the test fleet"));
        taken.add(chosen.instanceId());
        return chosen;
    }

    public static Predicate<InstanceSnapshot> plainRunning() {
        return instance -> instance.state() == InstanceState.RUNNING && !instance.disableApiStop()
                && !instance.disableApiTermination() && instance.autoScalingGroup() == null
                && instance.name() != null && !instance.name().isBlank();
    }

}
