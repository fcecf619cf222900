package com.ec2manager.localaws.ec2;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The instances of every region, held for fast reads: per region a map by id and a map in
 * listing order, so that a page is found in O(log n + page) from its cursor. Reads share a
 * lock; changes take it alone and are announced to a listener (the state file).
 */
final class Fleet {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, RegionInstances> regions = new LinkedHashMap<>();
    private final Duration terminatedRetention;
    private final Runnable onChange;

    Fleet(Collection<Ec2Instance> instances, Duration terminatedRetention, Runnable onChange) {
        this.terminatedRetention = terminatedRetention;
        this.onChange = onChange;
        for (Ec2Instance instance : instances) {
            regions.computeIfAbsent(instance.region(), r -> new RegionInstances()).put(instance);
        }
    }

    /** The instances found among {@code ids}, as they are at {@code now}, keyed by id. */
    Map<String, Ec2Instance> find(String region, Collection<String> ids, Instant now) {
        lock.readLock().lock();
        try {
            RegionInstances instances = regions.get(region);
            Map<String, Ec2Instance> found = new LinkedHashMap<>();
            if (instances == null) {
                return found;
            }
            for (String id : ids) {
                Ec2Instance instance = instances.byId.get(id);
                if (instance != null && !instance.lifecycle().vanishedAt(now, terminatedRetention)) {
                    found.put(id, instance.at(now));
                }
            }
            return found;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Up to {@code limit} instances of a region after the cursor {@code afterKey} (null: from the
     * start) that pass {@code filter}, as they are at {@code now}, in listing order.
     */
    Page page(String region, String afterKey, Predicate<Ec2Instance> filter, int limit, Instant now) {
        lock.readLock().lock();
        try {
            RegionInstances instances = regions.get(region);
            List<Ec2Instance> items = new ArrayList<>(Math.min(limit, 1024));
            if (instances == null) {
                return new Page(items, null);
            }
            NavigableMap<String, Ec2Instance> from = afterKey == null ? instances.inOrder
                    : instances.inOrder.tailMap(afterKey, false);
            for (Ec2Instance stored : from.values()) {
                if (stored.lifecycle().vanishedAt(now, terminatedRetention)) {
                    continue;
                }
                Ec2Instance instance = stored.at(now);
                if (!filter.test(instance)) {
                    continue;
                }
                if (items.size() == limit) {
                    // one more match exists: the page gets a cursor
                    return new Page(items, items.get(items.size() - 1).orderKey());
                }
                items.add(instance);
            }
            return new Page(items, null);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs a change of one region's instances alone, then announces it. */
    <T> T change(String region, Instant now, Function<Changes, T> work) {
        T result;
        lock.writeLock().lock();
        try {
            RegionInstances instances = regions.computeIfAbsent(region, r -> new RegionInstances());
            instances.purge(now, terminatedRetention);
            Changes changes = new Changes(instances, now);
            result = work.apply(changes);
            if (!changes.changed) {
                return result;
            }
        } finally {
            lock.writeLock().unlock();
        }
        onChange.run();
        return result;
    }

    /** Every instance still visible at {@code now}, as stored (transitions included). */
    List<Ec2Instance> snapshot(Instant now) {
        lock.readLock().lock();
        try {
            List<Ec2Instance> all = new ArrayList<>();
            for (RegionInstances instances : regions.values()) {
                for (Ec2Instance instance : instances.inOrder.values()) {
                    if (!instance.lifecycle().vanishedAt(now, terminatedRetention)) {
                        all.add(instance);
                    }
                }
            }
            return all;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** One page of a listing; {@code lastKey} is the cursor of the next page, or null at the end. */
    record Page(List<Ec2Instance> items, String lastKey) {
    }

    /** The view of one region inside {@link #change}. */
    static final class Changes {
        private final RegionInstances instances;
        private final Instant now;
        private boolean changed;

        private Changes(RegionInstances instances, Instant now) {
            this.instances = instances;
            this.now = now;
        }

        /** The instance as it is now, or null if it does not exist (or has vanished). */
        Ec2Instance get(String id) {
            Ec2Instance instance = instances.byId.get(id);
            return instance == null ? null : instance.at(now);
        }

        /**
         * Every named instance as it is now, in the order named; if any does not exist, refuses
         * the whole request with one InvalidInstanceID.NotFound that names each missing id.
         */
        List<Ec2Instance> getAll(List<String> ids) {
            List<Ec2Instance> found = new ArrayList<>(ids.size());
            List<String> missing = new ArrayList<>();
            for (String id : ids) {
                Ec2Instance instance = get(id);
                if (instance == null) {
                    missing.add(id);
                } else {
                    found.add(instance);
                }
            }
            if (!missing.isEmpty()) {
                throw InstanceIds.notFound(missing);
            }
            return found;
        }

        void put(Ec2Instance instance) {
            instances.put(instance);
            changed = true;
        }
    }

    private static final class RegionInstances {
        final Map<String, Ec2Instance> byId = new HashMap<>();
        final NavigableMap<String, Ec2Instance> inOrder = new TreeMap<>();
        /** Ids of instances shutting down or terminated: the only ones that can vanish. */
        final Set<String> ending = new HashSet<>();

        void put(Ec2Instance instance) {
            Ec2Instance previous = byId.put(instance.instanceId(), instance);
            if (previous != null && !previous.orderKey().equals(instance.orderKey())) {
                inOrder.remove(previous.orderKey());
            }
            inOrder.put(instance.orderKey(), instance);
            InstanceState state = instance.state();
            if (state == InstanceState.SHUTTING_DOWN || state == InstanceState.TERMINATED) {
                ending.add(instance.instanceId());
            } else {
                ending.remove(instance.instanceId());
            }
        }

        void purge(Instant now, Duration retention) {
            ending.removeIf(id -> {
                Ec2Instance instance = byId.get(id);
                if (instance.lifecycle().vanishedAt(now, retention)) {
                    byId.remove(id);
                    inOrder.remove(instance.orderKey());
                    return true;
                }
                return false;
            });
        }
    }
}
