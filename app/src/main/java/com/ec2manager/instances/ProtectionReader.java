package com.ec2manager.instances;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.UnaryOperator;

import com.ec2manager.failure.ApplicationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the stop and termination protection of every instance that is not terminated, in the
 * background, so that the instances table can flag protected instances. EC2 tells it only per
 * instance and attribute (DescribeInstanceAttribute; DescribeInstances does not carry it), so a
 * pass costs two calls per instance: each account-region is read again every
 * {@code protection-interval}, spending from the inventory's own call budget of that
 * account-region, and what is learnt is published in chunks so that the table fills in as it goes.
 * The instance page reads an instance's protection at once and tells the inventory too.
 */
class ProtectionReader {

    private static final Logger log = LoggerFactory.getLogger(ProtectionReader.class);
    private static final Ec2Caller CALLER = Ec2Caller.system("inventory");
    /** Instances whose protection is published at once: the index is rebuilt per chunk, not per instance. */
    private static final int CHUNK = 50;

    private final Inventory inventory;
    private final Ec2Gateway gateway;
    private final Duration interval;
    private final Clock clock;
    private final ExecutorService pool;
    private final Map<String, Instant> lastPass = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    ProtectionReader(Inventory inventory, Ec2Gateway gateway, Duration interval, Clock clock,
                            ExecutorService pool) {
        this.inventory = inventory;
        this.gateway = gateway;
        this.interval = interval;
        this.clock = clock;
        this.pool = pool;
    }

    /** Starts a pass over each account-region that is due (read by the inventory, last pass older than the interval). */
    void tick() {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        Instant now = clock.instant();
        inventory.readPictures().forEach((where, instances) -> {
            Instant last = lastPass.get(where.key());
            if ((last == null || !last.plus(interval).isAfter(now)) && running.add(where.key())) {
                lastPass.put(where.key(), now);
                try {
                    pool.execute(() -> {
                        try {
                            read(where, instances);
                        } finally {
                            running.remove(where.key());
                        }
                    });
                } catch (RejectedExecutionException e) {
                    running.remove(where.key()); // shutting down
                }
            }
        });
    }

    /** Reads the protection of the given instances (terminated ones skipped) and publishes it. */
    void read(AccountRegion where, List<Instance> instances) {
        Map<String, UnaryOperator<Instance>> learnt = new HashMap<>();
        for (Instance instance : instances) {
            if (instance.state() == InstanceState.TERMINATED) {
                continue;
            }
            try {
                inventory.spend(where);
                inventory.spend(where);
                Protection protection = gateway.describeProtection(where, instance.id(), CALLER);
                learnt.put(instance.id(), i -> i.withProtection(protection));
            } catch (InstanceNotFoundException gone) {
                // terminated and gone since the inventory read it
            } catch (ApplicationException e) {
                log.warn("protection of the instances of {} not read ({}): {}; again at the next pass", where,
                        e.code(), e.getMessage());
                break;
            }
            if (learnt.size() >= CHUNK) {
                inventory.learnt(where, Map.copyOf(learnt));
                learnt.clear();
            }
        }
        if (!learnt.isEmpty()) {
            inventory.learnt(where, learnt);
        }
    }

    /** What the instance page or an action learnt of one instance's protection, at once. */
    void learnt(AccountRegion where, String id, Protection protection) {
        inventory.learnt(where, Map.of(id, i -> i.withProtection(protection)));
    }
}
