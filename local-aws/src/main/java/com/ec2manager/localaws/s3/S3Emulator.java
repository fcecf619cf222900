package com.ec2manager.localaws.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.ec2manager.localaws.sns.SnsHttpHandler;
import com.ec2manager.localaws.sns.SnsTopics;
import com.ec2manager.localaws.sts.SigV4Credential;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for Amazon S3 that the AWS SDK and CLI talk to as to S3 (REST, path-style
 * addressing) for the operations in the README's table, with buckets and objects kept on disk
 * in the data folder; the SNS stand-in ({@link SnsHttpHandler}) shares its port. It starts in milliseconds, which is why local mode uses it rather than a
 * second Spring Boot application such as S3Mock.
 */
public final class S3Emulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3Emulator.class);

    private final S3EmulatorSettings settings;
    private final HttpServer server;
    private final ExecutorService executor;
    private final SnsTopics topics = new SnsTopics();

    private S3Emulator(S3EmulatorSettings settings, Clock clock) throws IOException {
        this.settings = settings;
        BucketStore store = new BucketStore(settings.dataDir());
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(16, r -> {
            Thread thread = new Thread(r, "s3-emulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 256);
        S3HttpHandler s3 = new S3HttpHandler(store, clock);
        SnsHttpHandler sns = new SnsHttpHandler(topics);
        // SNS shares the port: a request signed for the service "sns" is SNS's, anything else S3's
        server.createContext("/", exchange -> (SigV4Credential.parse(
                exchange.getRequestHeaders().getFirst("Authorization"), null)
                .map(SigV4Credential::service).filter("sns"::equals).isPresent() ? sns : s3).handle(exchange));
        server.setExecutor(executor);
        server.start();
        log.info("S3 emulator on {} with buckets {} in {}", endpoint(), store.buckets().keySet(), settings.dataDir());
    }

    /** Starts the emulator: reads the buckets kept in the data folder, then listens. */
    public static S3Emulator start(S3EmulatorSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        try {
            return new S3Emulator(settings, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("the S3 emulator could not listen on " + settings.host() + ":"
                    + settings.port(), e);
        }
    }

    /** The URL to give the SDK ({@code endpointOverride}, with path-style access) or the CLI ({@code --endpoint-url}). */
    public URI endpoint() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return URI.create("http://" + host + ":" + port());
    }

    /** The SNS stand-in on this port: its topics and what was published to them. */
    public SnsTopics sns() {
        return topics;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
