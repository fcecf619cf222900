package com.ec2manager.instances;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import com.ec2manager.accounts.AwsAccount;
import com.ec2manager.failure.ApplicationException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet in memory: per account-region the last complete picture of its instances, kept
 * fresh in the background so that no page, filter, search or count ever waits for EC2.
 *
 * <p>{@link #tick()} (every second on a timer) starts what is due: a full read of each
 * account-region every {@code refresh-interval} (every page of DescribeInstances and
 * DescribeInstanceStatus), and every {@code transition-interval} a read of the instances in a
 * transition or just changed by an action of ours. An account-region that fails keeps its last
 * picture and is reported stale with the error; it never holds up the others. Reads spend from a
 * budget per account-region (a token bucket) so that they never crowd out actions.
 */
public class Inventory {

    private static final Logger log = LoggerFactory.getLogger(Inventory.class);
    private static final Ec2Caller CALLER = Ec2Caller.system("inventory");

    private final Ec2Gateway gateway;
    private final EnabledRegions regions;
    private final InventoryProperties properties;
    private final Clock clock;
    private final ExecutorService pool;
    private final Map<String, RegionPicture> pictures = new ConcurrentHashMap<>();
    private final Map<String, Schedule> schedules = new ConcurrentHashMap<>();
    private final Map<String, AccountFailure> accountFailures = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();
    private final FacetValues facets;
    private volatile Snapshot snapshot;
    private volatile boolean discovered;

    /** When an account-region was last read, what is running now, and what is waiting. */
    private static final class Schedule {
        final Bucket budget;
        Instant lastFull;
        Instant lastTransitions;
        Instant lastManual;
        boolean fullRunning;
        boolean transitionsRunning;
        boolean fullRequested;
        final Set<String> watched = ConcurrentHashMap.newKeySet();

        Schedule(InventoryProperties properties) {
            this.budget = Bucket.builder().addLimit(Bandwidth.builder().capacity(properties.callBurst())
                    .refillGreedy(properties.callsPerSecond(), Duration.ofSeconds(1)).build()).build();
        }
    }

    /** An account none of whose regions could be listed (e.g. its role could not be assumed). */
    record AccountFailure(AwsAccount account, String code, String message, Instant at) {
    }

    /**
     * Every picture's instances merged and prepared for listings, rebuilt when an instance changed
     * (a read that finds everything as it was changes nothing).
     *
     * @param version the change count it was built at
     * @param index   every instance, prepared for filters, facets and orders
     * @param byId    every instance by id
     */
    record Snapshot(long version, FleetIndex index, Map<String, Indexed> byId) {
    }

    Inventory(Ec2Gateway gateway, EnabledRegions regions, InventoryProperties properties, Clock clock,
                     ExecutorService pool) {
        this.gateway = gateway;
        this.regions = regions;
        this.properties = properties;
        this.clock = clock;
        this.pool = pool;
        this.facets = new FacetValues(properties.facetTags());
        this.snapshot = new Snapshot(-1, new FleetIndex(List.of(), facets), Map.of());
    }

    /**
     * Starts every read that is due; the future completes when they have all finished (tests wait
     * for it, the timer does not).
     */
    public CompletableFuture<Void> tick() {
        Instant now = clock.instant();
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (AccountRegion where : discover(now)) {
            Schedule schedule = schedules.computeIfAbsent(where.key(), k -> new Schedule(properties));
            pictures.computeIfAbsent(where.key(), k -> RegionPicture.loading(where));
            synchronized (schedule) {
                // a picture never read retries soon (start-up); any other waits for its interval
                RegionPicture picture = pictures.get(where.key());
                Duration interval = picture.everRead() ? properties.refreshInterval() : properties.transitionInterval();
                boolean due = schedule.lastFull == null || schedule.fullRequested
                        || !schedule.lastFull.plus(interval).isAfter(now);
                if (due && !schedule.fullRunning) {
                    schedule.fullRunning = true;
                    schedule.fullRequested = false;
                    schedule.lastFull = now;
                    started.add(submit(() -> readAll(where, schedule), () -> {
                        synchronized (schedule) {
                            schedule.fullRunning = false;
                        }
                    }));
                    continue;
                }
                boolean transitionsDue = schedule.lastTransitions == null
                        || !schedule.lastTransitions.plus(properties.transitionInterval()).isAfter(now);
                if (transitionsDue && !schedule.transitionsRunning && !schedule.fullRunning) {
                    List<String> unsettled = unsettled(where, schedule);
                    if (!unsettled.isEmpty()) {
                        schedule.transitionsRunning = true;
                        schedule.lastTransitions = now;
                        started.add(submit(() -> reread(where, unsettled, schedule), () -> {
                            synchronized (schedule) {
                                schedule.transitionsRunning = false;
                            }
                        }));
                    }
                }
            }
        }
        return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
    }

    /**
     * A person asks for fresh pictures of the account-regions that {@code scope} accepts; each one
     * is read at the next tick unless it was asked for less than {@code manual-refresh-interval} ago.
     *
     * @return the account-regions that will be read
     * @throws RefreshTooSoonException when every one of them was asked for too recently
     */
    List<String> requestRefresh(java.util.function.Predicate<AccountRegion> scope) {
        Instant now = clock.instant();
        List<String> accepted = new ArrayList<>();
        Duration wait = null;
        for (RegionPicture picture : pictures.values()) {
            if (!scope.test(picture.where())) {
                continue;
            }
            Schedule schedule = schedules.get(picture.where().key());
            synchronized (schedule) {
                Instant allowed = schedule.lastManual == null ? now : schedule.lastManual.plus(properties.manualRefreshInterval());
                if (allowed.isAfter(now)) {
                    Duration left = Duration.between(now, allowed);
                    wait = wait == null || left.compareTo(wait) < 0 ? left : wait;
                    continue;
                }
                schedule.lastManual = now;
                schedule.fullRequested = true;
                accepted.add(picture.where().key());
            }
        }
        if (accepted.isEmpty() && wait != null) {
            throw new RefreshTooSoonException(wait);
        }
        return accepted;
    }

    /**
     * An action of ours changed an instance: its new state is shown at once, and it is read again
     * at the next tick, and every {@code transition-interval} until it settles.
     */
    public void acted(AccountRegion where, String id, InstanceState newState) {
        Schedule schedule = schedules.computeIfAbsent(where.key(), k -> new Schedule(properties));
        schedule.watched.add(id);
        synchronized (schedule) {
            schedule.lastTransitions = null;
        }
        pictures.computeIfPresent(where.key(), (key, picture) -> {
            Indexed before = picture.instances().get(id);
            if (before == null || newState == null || newState == InstanceState.UNKNOWN) {
                return picture;
            }
            Instance changed = before.instance().withState(newState);
            return picture.patch(List.of(id), List.of(changed), facets);
        });
        changed();
    }

    /**
     * An instance changed: the listings' index is built again in the background, so that a request
     * seldom waits for it (one that comes first builds it itself).
     */
    private void changed() {
        version.incrementAndGet();
        try {
            pool.execute(() -> {
                // and the orders people used, so that the next listing of each finds it ready
                Set<InstanceSort> used = Set.copyOf(snapshot.index().sortsUsed());
                FleetIndex index = snapshot().index();
                used.forEach(index::order);
            });
        } catch (RejectedExecutionException e) {
            // shutting down, or every reader busy and the queue full: the next listing builds it
        }
    }

    /**
     * What a background read learnt about instances of an account-region (their protection, their
     * CPU average): applied to each as it is now, and the listings rebuilt if anything changed.
     */
    void learnt(AccountRegion where, Map<String, java.util.function.UnaryOperator<Instance>> updates) {
        boolean[] changed = new boolean[1];
        pictures.computeIfPresent(where.key(), (key, picture) -> {
            RegionPicture after = picture.learnt(updates, facets);
            changed[0] = after != picture;
            return after;
        });
        if (changed[0]) {
            changed();
        }
    }

    /** Every account-region read at least once, with its instances as last read. */
    Map<AccountRegion, List<Instance>> readPictures() {
        Map<AccountRegion, List<Instance>> read = new java.util.LinkedHashMap<>();
        for (RegionPicture picture : pictures.values()) {
            if (picture.everRead()) {
                read.put(picture.where(), picture.instances().values().stream().map(Indexed::instance).toList());
            }
        }
        return read;
    }

    /** Waits for one call of the account-region's EC2 budget (the protection reader spends from it too). */
    void spend(AccountRegion where) {
        spend(schedules.computeIfAbsent(where.key(), k -> new Schedule(properties)));
    }

    /** How many instances the inventory holds. */
    public int instanceCount() {
        return snapshot().index().size();
    }

    /** The current pictures merged; cheap when nothing changed since the last call. */
    Snapshot snapshot() {
        Snapshot current = snapshot;
        long now = version.get();
        if (current.version() == now) {
            return current;
        }
        synchronized (this) {
            if (snapshot.version() == now) {
                return snapshot;
            }
            List<RegionPicture> all = new ArrayList<>(pictures.values());
            all.sort(java.util.Comparator.comparing(p -> p.where().key()));
            int size = all.stream().mapToInt(p -> p.instances().size()).sum();
            List<Indexed> entries = new ArrayList<>(size);
            Map<String, Indexed> byId = new HashMap<>(size * 2);
            for (RegionPicture picture : all) {
                for (Indexed entry : picture.instances().values()) {
                    entries.add(entry);
                    byId.put(entry.instance().id(), entry);
                }
            }
            snapshot = new Snapshot(now, new FleetIndex(entries, facets), byId);
            return snapshot;
        }
    }

    /** How fresh each account-region is, and every account that could not be listed at all. */
    public List<Freshness> freshness() {
        Instant now = clock.instant();
        List<Freshness> all = new ArrayList<>();
        for (RegionPicture picture : pictures.values()) {
            all.add(Freshness.of(picture, now, properties.staleAfter()));
        }
        accountFailures.values().forEach(failure -> all.add(Freshness.ofAccount(failure, now)));
        all.sort(java.util.Comparator.comparing(Freshness::accountId)
                .thenComparing(f -> f.region() == null ? "" : f.region()));
        return all;
    }

    /** Loading progress: account-regions read (or failed) of those known; complete once all have been. */
    Progress progress() {
        int total = 0;
        int done = 0;
        for (RegionPicture picture : pictures.values()) {
            total++;
            if (picture.everRead() || picture.failure() != null) {
                done++;
            }
        }
        return new Progress(discovered, done, total);
    }

    /**
     * @param discovered whether the account-regions are known yet
     * @param done       account-regions read at least once (or failed)
     * @param total      account-regions known
     */
    record Progress(boolean discovered, int done, int total) {

        public boolean loading() {
            return !discovered || done < total;
        }
    }

    private List<AccountRegion> discover(Instant now) {
        List<AccountRegion> all = new ArrayList<>();
        List<AwsAccount> accounts;
        try {
            accounts = regions.accounts();
        } catch (RuntimeException e) {
            // e.g. the application's own account not known yet (STS unreachable): the next tick tries again
            log.warn("the accounts could not be resolved: {}", e.toString());
            return all;
        }
        for (AwsAccount account : accounts) {
            AccountFailure failed = accountFailures.get(account.id());
            if (failed != null && failed.at().plus(properties.refreshInterval()).isAfter(now)) {
                continue; // tried lately: again after an interval, like any read
            }
            try {
                regions.of(account).forEach(region -> all.add(new AccountRegion(account, region)));
                accountFailures.remove(account.id());
            } catch (Ec2CallException e) {
                log.warn("the regions of account {} could not be listed ({}): {}", account.id(), e.code(), e.getMessage());
                accountFailures.put(account.id(), new AccountFailure(account, e.code(), e.getMessage(), now));
            }
        }
        discovered = true;
        return all;
    }

    private List<String> unsettled(AccountRegion where, Schedule schedule) {
        List<String> ids = new ArrayList<>(schedule.watched);
        RegionPicture picture = pictures.get(where.key());
        if (picture != null) {
            picture.instances().values().stream().map(Indexed::instance).filter(Instance::inTransition)
                    .map(Instance::id).filter(id -> !schedule.watched.contains(id)).forEach(ids::add);
        }
        return ids;
    }

    private void readAll(AccountRegion where, Schedule schedule) {
        long started = System.nanoTime();
        Runnable budget = () -> spend(schedule);
        try {
            List<Instance> instances = gateway.describeInstances(where, CALLER, budget);
            Map<String, Instance.StatusChecks> checks = gateway.describeStatusChecks(where, CALLER, budget);
            List<Instance> withChecks = instances.stream()
                    .map(instance -> instance.withStatusChecks(checks.get(instance.id()))).toList();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            boolean[] changed = new boolean[1];
            pictures.compute(where.key(), (key, picture) -> {
                RegionPicture before = picture == null ? RegionPicture.loading(where) : picture;
                RegionPicture after = before.read(withChecks, clock.instant(), took, facets);
                changed[0] = after.instances() != before.instances();
                return after;
            });
            if (changed[0]) {
                changed();
            }
            log.debug("inventory read {}: {} instances in {} ms", where, instances.size(), took.toMillis());
        } catch (ApplicationException e) {
            fail(where, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("inventory read of {} failed unexpectedly", where, e);
            fail(where, "InternalError", "unexpected failure: " + e.getClass().getSimpleName());
        }
    }

    private void reread(AccountRegion where, List<String> ids, Schedule schedule) {
        try {
            List<Instance> found = gateway.describeInstances(where, ids, CALLER, () -> spend(schedule));
            boolean[] changed = new boolean[1];
            pictures.computeIfPresent(where.key(), (key, picture) -> {
                RegionPicture after = picture.patch(ids, found, facets);
                changed[0] = after.instances() != picture.instances();
                return after;
            });
            if (changed[0]) {
                changed();
            }
            // settled ones need no more watching; those still moving are picked up by their state
            found.forEach(instance -> schedule.watched.remove(instance.id()));
            ids.stream().filter(id -> found.stream().noneMatch(i -> i.id().equals(id))).forEach(schedule.watched::remove);
        } catch (ApplicationException e) {
            log.warn("re-reading {} instances of {} failed: {}", ids.size(), where, e.getMessage());
        }
    }

    private void fail(AccountRegion where, String code, String message) {
        log.warn("inventory read of {} failed ({}): {}; keeping its last picture", where, code, message);
        RegionPicture.Failure failure = new RegionPicture.Failure(code, message, clock.instant());
        pictures.compute(where.key(), (key, picture) -> (picture == null ? RegionPicture.loading(where) : picture)
                .failed(failure));
    }

    /** Waits for the account-region's budget; EC2's own buckets are never emptied by the inventory. */
    private static void spend(Schedule schedule) {
        try {
            schedule.budget.asBlocking().consume(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegionUnavailableException("interrupted while waiting for the EC2 call budget");
        }
    }

    private CompletableFuture<Void> submit(Runnable work, Runnable done) {
        try {
            return CompletableFuture.runAsync(work, pool).whenComplete((ignored, error) -> done.run());
        } catch (RejectedExecutionException e) {
            done.run();
            return CompletableFuture.completedFuture(null);
        }
    }

    /** The account-region of {@code accountId} and {@code region}, if the inventory reads it. */
    java.util.Optional<AccountRegion> where(String accountId, String region) {
        return java.util.Optional.ofNullable(pictures.get(accountId + "/" + region)).map(RegionPicture::where);
    }

    /** The instances among all pictures, by id. */
    Map<String, Indexed> byId() {
        return snapshot().byId();
    }

    /** Every account-region picture whose instances may be missing: never read, or failed. */
    List<Freshness> incomplete() {
        return freshness().stream().filter(f -> f.status() != Freshness.Status.FRESH
                && f.status() != Freshness.Status.STALE).toList();
    }
}
