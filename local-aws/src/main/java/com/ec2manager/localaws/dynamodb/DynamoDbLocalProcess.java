package com.ec2manager.localaws.dynamodb;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Amazon's DynamoDB Local, run in a JVM of its own so that its old and wide classpath never
 * meets the application's. The jars travel inside {@code dynamodb-local-bundle} as plain
 * resources; they are unpacked once per version under the data folder.
 */
public final class DynamoDbLocalProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbLocalProcess.class);
    private static final String BUNDLE = "dynamodb-local/";
    private static final String MAIN_CLASS = "com.ec2manager.dynamodblocal.LoopbackServerRunner";
    private static final String LAUNCHER = "launcher/com/ec2manager/dynamodblocal/LoopbackServerRunner.class";

    private final Process process;
    private final URI endpoint;

    private DynamoDbLocalProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * Starts DynamoDB Local with its database files in {@code settings.dataDir()} and waits
     * until it accepts connections.
     */
    public static DynamoDbLocalProcess start(DynamoDbLocalSettings settings) {
        try {
            Path dataDir = Files.createDirectories(settings.dataDir().toAbsolutePath());
            Path libDir = unpack(dataDir.resolve(".dynamodb-local"));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = new ArrayList<>(List.of(
                    java.toString(),
                    "-Xmx" + settings.maxHeapMegabytes() + "m",
                    // start small: the serial collector grows the heap only when what it holds needs more
                    "-Xms16m",
                    // a small local server: one compiler tier and the serial collector boot faster and hold less
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-Xss512k",
                    "-Djava.library.path=" + libDir,
                    "-Dsqlite4java.library.path=" + libDir,
                    "-cp", libDir.resolve("*") + File.pathSeparator + libDir.resolve("launcher"),
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
                    URI.create("http://" + settings.host() + ":" + settings.port()));
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
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
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

    /** Copies the packed jars and native libraries to {@code target/<version>/}, once. */
    private static Path unpack(Path target) throws IOException {
        ClassLoader loader = DynamoDbLocalProcess.class.getClassLoader();
        String index;
        try (InputStream in = loader.getResourceAsStream(BUNDLE + "files.txt")) {
            if (in == null) {
                throw new IllegalStateException("the DynamoDB Local bundle is not on the classpath");
            }
            index = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        List<String> files = new ArrayList<>(
                Arrays.stream(index.split(";")).map(String::trim).filter(f -> !f.isEmpty()).toList());
        files.add(LAUNCHER);
        // The index names every file with its version, so its hash names the unpacked set.
        Path libDir = target.resolve(Integer.toHexString((index + LAUNCHER).hashCode()));
        Path complete = libDir.resolve(".complete");
        if (Files.exists(complete)) {
            return libDir;
        }
        Files.createDirectories(libDir);
        for (String file : files) {
            Path destination = libDir.resolve(file.startsWith("lib/") ? file.substring(4) : file);
            Files.createDirectories(destination.getParent());
            String name = destination.getFileName().toString();
            try (InputStream in = loader.getResourceAsStream(BUNDLE + file)) {
                if (in == null) {
                    throw new IllegalStateException("the DynamoDB Local bundle lacks " + file);
                }
                Path tmp = Files.createTempFile(destination.getParent(), name, ".part");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, destination, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.writeString(complete, index);
        return libDir;
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
