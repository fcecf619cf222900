package com.ec2manager.localaws;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

import com.ec2manager.localaws.cognito.CognitoEmulator;
import com.ec2manager.localaws.cognito.CognitoEmulatorSettings;
import com.ec2manager.localaws.cognito.SeedUser;
import com.ec2manager.localaws.dynamodb.DynamoDbLocalProcess;
import com.ec2manager.localaws.dynamodb.DynamoDbLocalSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything local mode needs in place of AWS, started together and stopped together:
 * DynamoDB Local, the EC2 emulator and the Cognito emulator.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final LocalStackSettings settings;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final DynamoDbLocalProcess dynamoDb;
    private final CognitoEmulator cognito;

    private LocalStack(LocalStackSettings settings) {
        this.settings = settings;
        try {
            this.dynamoDb = remember(DynamoDbLocalProcess.start(DynamoDbLocalSettings.onDisk(
                    settings.host(), settings.dynamoDbPort(), settings.dataDir().resolve("dynamodb"))));
            this.cognito = remember(CognitoEmulator.start(
                    CognitoEmulatorSettings.defaults(settings.host(), settings.cognitoPort(), settings.dataDir())));
            logSignIns();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public static LocalStack start(LocalStackSettings settings) {
        return new LocalStack(settings);
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
            try {
                started.pop().close();
            } catch (Exception e) {
                log.warn("a local stand-in did not stop cleanly", e);
            }
        }
    }

    /**
     * Runs the local stack on its own, for other clients such as the AWS CLI:
     * {@code java -jar ec2-manager.jar local-stack [dataDir]}.
     */
    public static void main(String[] args) {
        LocalStackSettings defaults = LocalStackSettings.defaults();
        Path dataDir = args.length > 0 ? Path.of(args[0]) : defaults.dataDir();
        LocalStack stack = start(new LocalStackSettings(defaults.host(), dataDir,
                Integer.getInteger("dynamodb.port", defaults.dynamoDbPort()),
                Integer.getInteger("ec2.port", defaults.ec2Port()),
                Integer.getInteger("cognito.port", defaults.cognitoPort())));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        log.info("Local stack ready: DynamoDB {}, Cognito {} (pool {}, client {}); press Ctrl+C to stop",
                stack.dynamoDbEndpoint(), stack.cognitoEndpoint(), stack.cognito().userPoolId(), stack.cognito().clientId());
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
