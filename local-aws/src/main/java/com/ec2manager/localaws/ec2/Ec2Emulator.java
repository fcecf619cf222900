package com.ec2manager.localaws.ec2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for Amazon EC2 that the AWS SDK and CLI talk to as to EC2 (Query API, version
 * 2016-11-15) for the operations it supports, with a seeded fleet over several regions, EC2's
 * state machine driven by an injected clock, its state saved in the data folder, and hooks for
 * tests: the calls received, a listener run before each call is acted on, and faults per region.
 *
 * <pre>{@code
 * try (Ec2Emulator ec2 = Ec2Emulator.start(Ec2EmulatorSettings.forTests(dir), Clock.systemUTC())) {
 *     Ec2Client client = Ec2Client.builder().endpointOverride(ec2.endpoint()).region(Region.US_EAST_1)...;
 * }
 * }</pre>
 */
public final class Ec2Emulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Ec2Emulator.class);

    private final Ec2EmulatorSettings settings;
    private final Clock clock;
    private final Fleet fleet;
    private final StateFile stateFile;
    private final Ec2HttpHandler handler;
    private final HttpServer server;
    private final ExecutorService executor;

    private Ec2Emulator(Ec2EmulatorSettings settings, Clock clock) throws IOException {
        this.settings = settings;
        this.clock = clock;
        Instant now = clock.instant();
        Optional<StateFile.Saved> saved = settings.dataDir() == null ? Optional.empty() : StateFile.load(settings.dataDir());
        FleetSpec spec = saved.map(StateFile.Saved::fleet).orElse(settings.fleet());
        if (saved.isPresent() && !spec.equals(settings.fleet())) {
            log.info("EC2 emulator keeps the fleet saved in {} ({}); delete the folder to seed {}",
                    settings.dataDir(), spec, settings.fleet());
        }
        List<Ec2Instance> instances = saved.map(StateFile.Saved::instances)
                .orElseGet(() -> FleetSeeder.seed(settings.fleet(), now));
        this.fleet = new Fleet(instances, settings.terminatedRetention(), this::stateChanged);
        this.stateFile = settings.dataDir() == null ? null : new StateFile(settings.dataDir(), settings.saveDelay(),
                () -> StateFile.saved(spec, clock.instant(), fleet.snapshot(clock.instant())));
        if (stateFile != null && saved.isEmpty()) {
            // the seed is saved at once, so the fleet stays the same whatever the seeder becomes
            stateFile.save();
        }
        RegionQueries regions = new RegionQueries(settings.fleet().regions());
        Ec2Api api = new Ec2Api(fleet, new PageToken(), new StateMachine(settings.transitionDelay()), regions);
        this.handler = new Ec2HttpHandler(api, regions.enabled(), clock);
        this.executor = newExecutor();
        this.server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 256);
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        log.info("EC2 emulator on {} with {} instances over {}", endpoint(), instances.size(), settings.fleet().regions());
    }

    /** Starts the emulator: loads the saved state, or seeds the fleet and saves it, then listens. */
    public static Ec2Emulator start(Ec2EmulatorSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        try {
            return new Ec2Emulator(settings, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("the EC2 emulator could not listen on " + settings.host() + ":" + settings.port(), e);
        }
    }

    /** The URL to give the SDK ({@code endpointOverride}) or the CLI ({@code --endpoint-url}). */
    public URI endpoint() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return URI.create("http://" + host + ":" + port());
    }

    /** The port listened on, also when the settings asked for port 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    public Ec2EmulatorSettings settings() {
        return settings;
    }

    /** Every call received since the start or the last {@link #clearCalls()}, oldest first. */
    public List<Ec2Call> calls() {
        return handler.calls.list();
    }

    public void clearCalls() {
        handler.calls.clear();
    }

    /**
     * Runs {@code listener} on every call as it arrives, before the emulator acts on it, on the
     * request's thread. A listener that throws is logged and the call goes on.
     */
    public void addCallListener(Consumer<Ec2Call> listener) {
        handler.listeners.add(Objects.requireNonNull(listener));
    }

    public void removeCallListener(Consumer<Ec2Call> listener) {
        handler.listeners.remove(listener);
    }

    /** Makes every request to {@code region} meet {@code fault} until {@link #healRegion}. */
    public void failRegion(String region, Ec2Fault fault) {
        handler.faults.put(region, Objects.requireNonNull(fault));
    }

    public void healRegion(String region) {
        handler.faults.remove(region);
        handler.stallsAfterActing.remove(region);
    }

    /**
     * Makes every state-changing request to {@code region} act and then answer only after
     * {@code stall}: a client that gives up sooner never learns that EC2 acted.
     */
    public void stallAfterActing(String region, java.time.Duration stall) {
        handler.stallsAfterActing.put(region, Objects.requireNonNull(stall));
    }

    public void clearFaults() {
        handler.stallsAfterActing.clear();
        handler.faults.clear();
    }

    /** The instances of a region as they are now, in listing order. */
    public List<InstanceSnapshot> instances(String region) {
        Instant now = clock.instant();
        return fleet.page(region, null, i -> true, Integer.MAX_VALUE, now).items().stream()
                .map(InstanceSnapshot::of).toList();
    }

    private void stateChanged() {
        if (stateFile != null) {
            stateFile.changed();
        }
    }

    /** Stops listening and saves any change not yet saved. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stateFile != null) {
            stateFile.close();
        }
    }

    private static ExecutorService newExecutor() {
        AtomicInteger count = new AtomicInteger();
        int threads = Math.max(16, Runtime.getRuntime().availableProcessors() * 4);
        return new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "ec2-emulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
