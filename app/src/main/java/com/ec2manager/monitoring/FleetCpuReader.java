package com.ec2manager.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.instances.AccountRegion;
import com.ec2manager.instances.Instance;
import com.ec2manager.instances.InstanceListing;
import com.ec2manager.instances.InstanceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the average CPU utilisation of every running instance over the monitoring window in the
 * inventory, so that the instances table can show and sort by it (the idle ones are worth
 * stopping) without any page waiting for CloudWatch: per account-region every
 * {@code fleet-interval}, one GetMetricData per 500 running instances (one period spanning the
 * whole window, so one datapoint per instance). Instances that are not running lose their average.
 */
class FleetCpuReader {

    private static final Logger log = LoggerFactory.getLogger(FleetCpuReader.class);

    private final InstanceListing listing;
    private final CloudWatchMetrics cloudWatch;
    private final MonitoringProperties properties;
    private final Clock clock;
    private final Map<String, Instant> lastRead = new ConcurrentHashMap<>();
    private final ExecutorService worker;
    private final AtomicBoolean busy = new AtomicBoolean();

    FleetCpuReader(InstanceListing listing, CloudWatchMetrics cloudWatch, MonitoringProperties properties, Clock clock,
                   ExecutorService worker) {
        this.listing = listing;
        this.cloudWatch = cloudWatch;
        this.properties = properties;
        this.clock = clock;
        this.worker = worker;
    }

    /** Starts, on the reader's own thread (never the scheduler's), a pass over the account-regions that are due. */
    void tick() {
        Duration interval = properties.fleetInterval();
        if (interval.isZero() || interval.isNegative() || !busy.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    readDue(interval);
                } finally {
                    busy.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            busy.set(false); // shutting down
        }
    }

    private void readDue(Duration interval) {
        Instant now = clock.instant();
        listing.pictures().forEach((where, instances) -> {
            Instant last = lastRead.get(where.key());
            if (last == null || !last.plus(interval).isAfter(now)) {
                lastRead.put(where.key(), now);
                read(where, instances, now);
            }
        });
    }

    void read(AccountRegion where, List<Instance> instances, Instant now) {
        long period = properties.period().toSeconds();
        // whole periods, as the instance page's charts, so that both speak of the same window
        Instant end = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), period) * period);
        Instant start = end.minus(properties.window());
        List<String> asked = instances.stream().map(Instance::id).toList();
        List<String> running = instances.stream().filter(i -> i.state() == InstanceState.RUNNING).map(Instance::id)
                .toList();
        try {
            Map<String, Double> averages = running.isEmpty() ? Map.of()
                    : cloudWatch.averageCpu(where.account(), where.region(), running, start, end);
            listing.cpuAverages(where, asked, averages);
        } catch (ApplicationException e) {
            log.warn("average CPU of the instances of {} not read ({}): {}; again in {}", where, e.code(),
                    e.getMessage(), properties.fleetInterval());
        }
    }
}
