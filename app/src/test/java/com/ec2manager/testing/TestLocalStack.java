package com.ec2manager.testing;

import java.nio.file.Path;
import java.util.UUID;

import com.ec2manager.localaws.LocalStack;
import com.ec2manager.localaws.LocalStackSettings;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One {@link LocalStack} per test JVM, on free ports, with its data under
 * {@code target/test-local-stack/}, started on first use and stopped when the JVM exits.
 * Spring tests get it through {@link LocalStackTestBase} or by calling {@link #register}
 * from their own {@code @DynamicPropertySource}.
 */
public final class TestLocalStack {

    private static final String HOST = "127.0.0.1";
    private static LocalStack stack;

    private TestLocalStack() {
    }

    public static synchronized LocalStack get() {
        if (stack == null) {
            Path dataDir = Path.of("target", "test-local-stack", UUID.randomUUID().toString()).toAbsolutePath();
            stack = LocalStack.start(new LocalStackSettings(HOST, dataDir, FreePorts.next(), FreePorts.next(),
                    FreePorts.next(), FreePorts.next()));
            LocalStack started = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-local-stack-shutdown"));
        }
        return stack;
    }

    /**
     * The command-line arguments that start a whole application (in this JVM or another) against the
     * shared stack, without the stream consumer and the live feed; add {@code --server.port} and the rest.
     */
    public static java.util.List<String> applicationArguments() {
        LocalStackSettings settings = get().settings();
        return java.util.List.of(
                "--ec2manager.aws.mode=local",
                "--ec2manager.local.start-stack=false",
                "--ec2manager.local.host=" + settings.host(),
                "--ec2manager.local.data-dir=" + settings.dataDir(),
                "--ec2manager.local.dynamodb-port=" + settings.dynamoDbPort(),
                "--ec2manager.local.ec2-port=" + settings.ec2Port(),
                "--ec2manager.local.cognito-port=" + settings.cognitoPort(),
                "--ec2manager.local.s3-port=" + settings.s3Port(),
                "--ec2manager.local.cloudwatch-port=" + get().cloudWatchEndpoint().getPort(),
                "--ec2manager.aws.endpoints.dynamodb=" + get().dynamoDbEndpoint(),
                "--ec2manager.stream.enabled=false",
                "--ec2manager.live-feed.enabled=false",
                "--spring.jmx.enabled=false");
    }

    /** The settings that make the application use the shared stack instead of starting its own. */
    public static void register(DynamicPropertyRegistry registry) {
        LocalStackSettings settings = get().settings();
        registry.add("ec2manager.aws.mode", () -> "local");
        registry.add("ec2manager.local.start-stack", () -> "false");
        registry.add("ec2manager.local.host", settings::host);
        registry.add("ec2manager.local.data-dir", () -> settings.dataDir().toString());
        registry.add("ec2manager.local.dynamodb-port", settings::dynamoDbPort);
        registry.add("ec2manager.local.ec2-port", settings::ec2Port);
        registry.add("ec2manager.local.cognito-port", settings::cognitoPort);
        registry.add("ec2manager.local.s3-port", settings::s3Port);
        registry.add("ec2manager.local.cloudwatch-port", () -> get().cloudWatchEndpoint().getPort());
        registry.add("ec2manager.aws.endpoints.dynamodb", () -> get().dynamoDbEndpoint().toString());
        // the stream consumer (KCL leases, archive, digests) runs only in the tests that are about it
        registry.add("ec2manager.stream.enabled", () -> "false");
        registry.add("ec2manager.live-feed.enabled", () -> "false");
    }
}
