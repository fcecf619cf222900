package com.ec2manager.localaws.ec2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.ec2manager.localaws.cloudtrail.CloudTrail;
import com.ec2manager.localaws.cloudtrail.CloudTrailHttpHandler;
import com.ec2manager.localaws.cloudwatch.Workload;
import com.ec2manager.localaws.cloudwatch.Workloads;
import com.ec2manager.localaws.sts.RoleTrust;
import com.ec2manager.localaws.sts.StsHttpHandler;
import com.ec2manager.localaws.sts.StsService;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for Amazon EC2 that the AWS SDK and CLI talk to as to EC2 (Query API, version
 * 2016-11-15) for the operations it supports, with a seeded fleet over several regions in one or
 * more accounts, STS (AssumeRole selects the account) and CloudTrail's LookupEvents on the same port, EC2's
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
    private final Map<String, AccountEc2> accounts = new LinkedHashMap<>();
    private final StsService sts;
    private final CloudTrail cloudTrail;
    private final Ec2HttpHandler handler;
    private final HttpServer server;
    private final ExecutorService executor;

    private Ec2Emulator(Ec2EmulatorSettings settings, Clock clock) throws IOException {
        this.settings = settings;
        this.clock = clock;
        accounts.put(FleetSeeder.OWNER_ID, new AccountEc2(FleetSeeder.OWNER_ID, settings.fleet(), settings.dataDir(),
                settings, clock));
        for (MemberAccount member : settings.members()) {
            accounts.put(member.accountId(), new AccountEc2(member.accountId(), member.fleet(),
                    settings.dataDir() == null ? null : settings.dataDir().resolve("accounts").resolve(member.accountId()),
                    settings, clock));
        }
        this.sts = new StsService(FleetSeeder.OWNER_ID,
                accounts.keySet().stream().map(RoleTrust::localMember).toList(), clock);
        this.cloudTrail = new CloudTrail(clock);
        this.handler = new Ec2HttpHandler(accounts, sts, cloudTrail, clock);
        this.executor = newExecutor();
        this.server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 256);
        server.createContext("/", new ServiceRouter(handler, new StsHttpHandler(sts),
                new CloudTrailHttpHandler(cloudTrail, sts)));
        server.setExecutor(executor);
        server.start();
        log.info("EC2 emulator (with STS and CloudTrail) on {} serving accounts {}", endpoint(), accounts.keySet());
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

    /**
     * Makes the next {@code times} calls of {@code operation} (in any account and region) answer
     * with {@code fault}'s error, e.g. {@link Ec2Fault#throttled()} as EC2's throttling does.
     */
    public void failNext(String operation, int times, Ec2Fault fault) {
        if (!fault.fails()) {
            throw new IllegalArgumentException("failNext needs a fault that answers an error");
        }
        handler.operationFaults.put(operation, new Ec2HttpHandler.CountedFault(fault,
                new java.util.concurrent.atomic.AtomicInteger(times)));
    }

    /**
     * Throttles requests as EC2 does, with {@code limits}' token buckets per account and region
     * (null: no limits, the default); answers the limits, whose {@link RequestLimits#throttled()}
     * lists the calls refused.
     */
    public RequestLimits limitRequests(RequestLimits limits) {
        handler.limits = limits;
        return limits;
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
        handler.limits = null;
        handler.stallsAfterActing.clear();
        handler.faults.clear();
        handler.operationFaults.clear();
    }

    /** The instances of a region of the default account as they are now, in listing order. */
    public List<InstanceSnapshot> instances(String region) {
        return instances(FleetSeeder.OWNER_ID, region);
    }

    /** The instances of a region of {@code accountId} as they are now, in listing order. */
    public List<InstanceSnapshot> instances(String accountId, String region) {
        AccountEc2 account = accounts.get(accountId);
        if (account == null) {
            throw new IllegalArgumentException("the emulator does not serve account " + accountId);
        }
        Instant now = clock.instant();
        return account.fleet.page(region, null, i -> true, Integer.MAX_VALUE, now).items().stream()
                .map(InstanceSnapshot::of).toList();
    }

    /** One instance of a region, in whichever account holds it, as it is now. */
    public Optional<InstanceSnapshot> instance(String region, String instanceId) {
        Instant now = clock.instant();
        for (AccountEc2 account : accounts.values()) {
            Ec2Instance found = account.fleet.find(region, List.of(instanceId), now).get(instanceId);
            if (found != null) {
                return Optional.of(InstanceSnapshot.of(found));
            }
        }
        return Optional.empty();
    }

    /**
     * What the CloudWatch stand-in needs to know of this fleet: each instance's workload from its
     * tags (production busy, development idle) and whether it runs now.
     */
    public Workloads workloads() {
        return (region, id) -> instance(region, id)
                .map(i -> Workload.fromTags(i.tags(), i.state() == InstanceState.RUNNING));
    }

    /** The accounts served, the default one first. */
    public List<String> accountIds() {
        return List.copyOf(accounts.keySet());
    }

    /** The STS stand-in on the same port: its roles and issued sessions. */
    public StsService sts() {
        return sts;
    }

    /** The CloudTrail stand-in on the same port: every state-changing call received. */
    public CloudTrail cloudTrail() {
        return cloudTrail;
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
        accounts.values().forEach(AccountEc2::close);
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
