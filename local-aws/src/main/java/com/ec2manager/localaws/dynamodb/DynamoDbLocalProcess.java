package com.ec2manager.localaws.dynamodb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Amazon's DynamoDB Local, run in a JVM of its own so that its old and wide classpath never
 * meets the application's. The jars travel inside {@code dynamodb-local-bundle} as plain
 * resources; {@link DynamoDbLocalLibraries} unpacks them once per version.
 */
public final class DynamoDbLocalProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbLocalProcess.class);
    private static final String MAIN_CLASS = "com.ec2manager.dynamodblocal.LoopbackServerRunner";

    private final Process process;
    private final URI endpoint;
    private final DynamoDbLocalLibraries libraries;
    /** Where the process dumps its class-data-sharing archive at exit, if it makes one. */
    private final Path dumping;

    private DynamoDbLocalProcess(Process process, URI endpoint, DynamoDbLocalLibraries libraries, Path dumping) {
        this.process = process;
        this.endpoint = endpoint;
        this.libraries = libraries;
        this.dumping = dumping;
    }

    /**
     * Starts DynamoDB Local with its database files in {@code settings.dataDir()} and waits
     * until it accepts connections.
     */
    public static DynamoDbLocalProcess start(DynamoDbLocalSettings settings) {
        try {
            Path dataDir = Files.createDirectories(settings.dataDir().toAbsolutePath());
            DynamoDbLocalLibraries libraries = DynamoDbLocalLibraries.unpack(dataDir);
            Path libDir = libraries.directory();
            Path dumping = libDir.resolve("classes-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".part");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = new ArrayList<>(List.of(java.toString()));
            command.addAll(libraries.classDataSharing(dumping));
            command.addAll(List.of(
                    "-Xmx" + settings.maxHeapMegabytes() + "m",
                    // start small: the serial collector grows the heap only when what it holds needs more
                    "-Xms16m",
                    // a small local server: one compiler tier and the serial collector boot faster and hold less
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-Xss512k",
                    "-Djava.library.path=" + libDir,
                    "-Dsqlite4java.library.path=" + libDir,
                    "-cp", libraries.classpath(),
                    MAIN_CLASS,
                    settings.host(),
                    "-port", Integer.toString(settings.port()),
                    "-dbPath", dataDir.toString(),
                    "-sharedDb",
                    "-disableTelemetry"));
            if (settings.inMemory()) {
                command.removeAll(List.of("-dbPath", dataDir.toString()));
                command.add("-inMemory");
            }
            Path logFile = dataDir.resolve("dynamodb-local.log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            DynamoDbLocalProcess local = new DynamoDbLocalProcess(process,
                    URI.create("http://" + settings.host() + ":" + settings.port()), libraries, dumping);
            local.awaitReady(settings, logFile);
            log.info("DynamoDB Local is listening on {} with its data in {}", local.endpoint, dataDir);
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException("DynamoDB Local could not be started", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The server's process id, for tests that freeze it ({@code kill -STOP}) to make DynamoDB hang. */
    public long pid() {
        return process.pid();
    }

    /** Stops the server: politely first, so that SQLite closes its files, then by force. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                // an archive dumped at a polite exit is whole; one of a forced end is not kept
                libraries.keep(dumping).ifPresent(archive ->
                        log.info("DynamoDB Local's classes are archived in {} for its next starts", archive));
            } else {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        log.info("DynamoDB Local on {} stopped", endpoint);
    }

    private void awaitReady(DynamoDbLocalSettings settings, Path logFile) throws IOException {
        Instant deadline = Instant.now().plus(settings.startTimeout());
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("DynamoDB Local exited with code " + process.exitValue()
                        + " (is port " + settings.port() + " free?); its output: " + tail(logFile));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(settings.host(), settings.port()), 200);
                return;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(100));
            }
        }
        close();
        throw new IllegalStateException("DynamoDB Local did not accept connections on port " + settings.port()
                + " within " + settings.startTimeout().toSeconds() + " s; its output: " + tail(logFile));
    }

    private static String tail(Path logFile) throws IOException {
        List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for DynamoDB Local", e);
        }
    }
}
