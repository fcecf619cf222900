package com.ec2manager.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;

import com.ec2manager.localaws.dynamodb.DynamoDbLocalProcess;
import com.ec2manager.localaws.dynamodb.DynamoDbLocalSettings;

/**
 * A DynamoDB Local of its own that a test can stop ("DynamoDB is down") and start again on the
 * same port and data folder, without disturbing the shared {@link TestLocalStack}.
 */
public final class RestartableDynamoDbLocal implements AutoCloseable {

    private final DynamoDbLocalSettings settings;
    private DynamoDbLocalProcess process;

    private RestartableDynamoDbLocal(DynamoDbLocalSettings settings) {
        this.settings = settings;
    }

    public static RestartableDynamoDbLocal start() {
        Path dataDir = Path.of("target", "test-dynamodb", UUID.randomUUID().toString()).toAbsolutePath();
        RestartableDynamoDbLocal local = new RestartableDynamoDbLocal(
                DynamoDbLocalSettings.onDisk("127.0.0.1", FreePorts.next(), dataDir));
        local.restart();
        return local;
    }

    public synchronized void stop() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    /** Starts it again and waits until it answers a data call (its first answers after a start are slow). */
    public synchronized void restart() {
        stop();
        process = DynamoDbLocalProcess.start(settings);
        try (var client = DynamoDbClients.local(endpoint())) {
            for (int attempt = 1; ; attempt++) {
                try {
                    client.listTables(r -> r.limit(1)).tableNames()
                            .forEach(table -> client.scan(s -> s.tableName(table).limit(1)));
                    return;
                } catch (RuntimeException notYet) {
                    if (attempt == 30) {
                        throw notYet;
                    }
                }
            }
        }
    }

    /** Freezes the server (SIGSTOP): connections are accepted by the kernel and nothing answers — DynamoDB hung. */
    public synchronized void pause() {
        signal("-STOP");
    }

    /** Lets a paused server run again; it then works off whatever requests reached it meanwhile. */
    public synchronized void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " failed");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://" + settings.host() + ":" + settings.port());
    }

    public Path dataDir() {
        return settings.dataDir();
    }

    @Override
    public void close() {
        stop();
    }
}
