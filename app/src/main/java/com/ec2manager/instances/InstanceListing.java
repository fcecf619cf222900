package com.ec2manager.instances;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import com.ec2manager.instances.InstanceList.FailedRegion;
import com.ec2manager.failure.ApplicationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads instances across every enabled region at once, on a bounded pool. A region that fails
 * or is too slow is reported as failed while the others still show.
 */
public class InstanceListing {

    private static final Logger log = LoggerFactory.getLogger(InstanceListing.class);
    private static final int REMEMBERED_IDS = 200_000;

    private final Ec2Gateway gateway;
    private final EnabledRegions enabledRegions;
    private final ExecutorService pool;
    private final InstancesProperties properties;
    private final Clock clock;
    private final Map<String, CachedRegion> cache = new ConcurrentHashMap<>();
    // Which region an id was last seen in, so that a detail or an action asks one region only.
    private final Map<String, String> regionOfId = new ConcurrentHashMap<>();

    private record CachedRegion(List<Instance> instances, Instant readAt) {
    }

    /** The answers of the regions that answered and the failures of those that did not. */
    record FanOut<T>(Map<String, T> answers, List<FailedRegion> failures) {
    }

    public InstanceListing(Ec2Gateway gateway, EnabledRegions enabledRegions, ExecutorService pool,
                           InstancesProperties properties, Clock clock) {
        this.gateway = gateway;
        this.enabledRegions = enabledRegions;
        this.pool = pool;
        this.properties = properties;
        this.clock = clock;
    }

    public InstanceList list(InstanceQuery query, Ec2Caller caller) {
        List<String> regions = regionsFor(query);
        FanOut<List<Instance>> read = fanOut(regions, region -> instancesOf(region, caller));
        List<Instance> matching = new ArrayList<>();
        read.answers().values().forEach(instances -> instances.stream().filter(query::matches).forEach(matching::add));
        matching.sort(query.sort().comparator());
        return new InstanceList(matching, List.copyOf(read.answers().keySet()), read.failures());
    }

    /**
     * Finds one instance: first in the region it was last seen in, otherwise in every enabled
     * region at once.
     *
     * @throws InvalidInstanceIdException  the id is malformed (400)
     * @throws InstanceNotFoundException   no region has it (404)
     * @throws RegionUnavailableException no answering region has it but some region failed (503)
     */
    public Instance find(String id, Ec2Caller caller) {
        InstanceIds.require(id);
        String known = regionOfId.get(id);
        if (known != null) {
            Optional<Instance> there = gateway.describeInstance(known, id, caller);
            if (there.isPresent()) {
                return there.get();
            }
            regionOfId.remove(id, known);
        }
        Located located = locate(List.of(id), caller);
        Instance instance = located.found().get(id);
        if (instance == null) {
            throw located.missing(id);
        }
        return instance;
    }

    /** Instances located by id across every enabled region, with the regions that did not answer. */
    public Located locate(Collection<String> ids, Ec2Caller caller) {
        List<String> wanted = ids.stream().distinct().toList();
        FanOut<List<Instance>> read = fanOut(enabledRegions.all(),
                region -> gateway.describeInstances(region, wanted, caller));
        Map<String, Instance> found = new LinkedHashMap<>();
        read.answers().values().forEach(instances -> instances.forEach(instance -> {
            found.put(instance.id(), instance);
            remember(instance);
        }));
        return new Located(found, read.failures());
    }

    /**
     * @param found    the instances found, by id
     * @param failures the regions that did not answer; an id not found may live there
     */
    public record Located(Map<String, Instance> found, List<FailedRegion> failures) {

        public Located {
            found = Map.copyOf(found);
            failures = List.copyOf(failures);
        }

        /** Why an id was not found, as the exception to answer with. */
        public ApplicationException missing(String id) {
            return notFound(id, failures);
        }
    }

    static ApplicationException notFound(String id, List<FailedRegion> failures) {
        if (failures.isEmpty()) {
            return new InstanceNotFoundException("The instance " + id + " does not exist in any enabled region");
        }
        return new RegionUnavailableException("The instance " + id + " was not found, but these regions did not answer: "
                + failures.stream().map(FailedRegion::region).toList());
    }

    /** Forgets a region's cached listing, after an action changed one of its instances. */
    public void changed(String region) {
        cache.remove(region);
    }

    private List<String> regionsFor(InstanceQuery query) {
        List<String> enabled = enabledRegions.all();
        if (query.regions().isEmpty()) {
            return enabled;
        }
        for (String region : query.regions()) {
            if (!enabled.contains(region)) {
                throw new InvalidInstanceQueryException("Region '" + InstanceIds.printable(region)
                        + "' is not enabled; enabled regions: " + enabled);
            }
        }
        return enabled.stream().filter(query.regions()::contains).toList();
    }

    private List<Instance> instancesOf(String region, Ec2Caller caller) {
        boolean caching = !properties.cacheTtl().isZero() && !properties.cacheTtl().isNegative();
        Instant now = clock.instant();
        if (caching) {
            CachedRegion cached = cache.get(region);
            if (cached != null && cached.readAt().plus(properties.cacheTtl()).isAfter(now)) {
                return cached.instances();
            }
        }
        List<Instance> instances = gateway.describeInstances(region, caller);
        if (caching) {
            cache.put(region, new CachedRegion(List.copyOf(instances), now));
        }
        if (regionOfId.size() > REMEMBERED_IDS) {
            regionOfId.clear();
        }
        instances.forEach(this::remember);
        return instances;
    }

    private void remember(Instance instance) {
        regionOfId.put(instance.id(), instance.region());
    }

    /** Runs the work for every region on the pool, each region within the region timeout. */
    <T> FanOut<T> fanOut(List<String> regions, Function<String, T> work) {
        Map<String, Future<T>> futures = new LinkedHashMap<>();
        List<FailedRegion> failures = new ArrayList<>();
        for (String region : regions) {
            try {
                futures.put(region, pool.submit(() -> work.apply(region)));
            } catch (RejectedExecutionException e) {
                failures.add(new FailedRegion(region, "Rejected", "the application is shutting down"));
            }
        }
        long deadline = System.nanoTime() + properties.regionTimeout().toNanos();
        Map<String, T> answers = new LinkedHashMap<>();
        for (Map.Entry<String, Future<T>> entry : futures.entrySet()) {
            String region = entry.getKey();
            try {
                answers.put(region, entry.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                entry.getValue().cancel(true);
                failures.add(new FailedRegion(region, "Timeout",
                        "no complete answer within " + properties.regionTimeout().toSeconds() + " s"));
            } catch (ExecutionException e) {
                failures.add(failure(region, e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.values().forEach(future -> future.cancel(true));
                throw new RegionUnavailableException("interrupted while reading the regions");
            }
        }
        if (!failures.isEmpty()) {
            log.warn("regions failed: {}", failures);
        }
        return new FanOut<>(answers, failures);
    }

    private static FailedRegion failure(String region, Throwable cause) {
        if (cause instanceof ApplicationException known) {
            return new FailedRegion(region, known.code(), known.getMessage());
        }
        log.error("reading {} failed unexpectedly", region, cause);
        return new FailedRegion(region, "InternalError", "unexpected failure: " + cause.getClass().getSimpleName());
    }
}
