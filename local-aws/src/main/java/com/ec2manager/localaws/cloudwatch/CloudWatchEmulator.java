package com.ec2manager.localaws.cloudwatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for Amazon CloudWatch's GetMetricData over the AWS/EC2 metrics CPUUtilization,
 * NetworkIn and NetworkOut, answering the SDK's and the CLI's wire protocols with
 * deterministic series shaped by each instance's workload (see {@link MetricSeries}).
 *
 * <pre>{@code
 * try (CloudWatchEmulator cloudWatch = CloudWatchEmulator.start(CloudWatchEmulatorSettings.forTests(), workloads)) {
 *     CloudWatchClient client = CloudWatchClient.builder().endpointOverride(cloudWatch.endpoint())...;
 * }
 * }</pre>
 */
public final class CloudWatchEmulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CloudWatchEmulator.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;

    private CloudWatchEmulator(CloudWatchEmulatorSettings settings, Workloads workloads) throws IOException {
        this.host = settings.host();
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "cloudwatch-emulator");
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 64);
        server.createContext("/", new CloudWatchHttpHandler(new MetricData(workloads)));
        server.setExecutor(executor);
        server.start();
        log.info("CloudWatch stand-in on {}", endpoint());
    }

    public static CloudWatchEmulator start(CloudWatchEmulatorSettings settings, Workloads workloads) {
        try {
            return new CloudWatchEmulator(settings, workloads);
        } catch (IOException e) {
            throw new UncheckedIOException("the CloudWatch stand-in cannot listen on " + settings.host() + ":"
                    + settings.port(), e);
        }
    }

    public URI endpoint() {
        return URI.create("http://" + host + ":" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
