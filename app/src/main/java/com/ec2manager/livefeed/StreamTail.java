package com.ec2manager.livefeed;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.ec2manager.stream.AuditChange;
import com.ec2manager.stream.StreamReading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * This instance's own reading of the audit table's stream, without a lease: every instance sees
 * every record. It starts at the newest record of each open shard and follows new shards as
 * DynamoDB rolls them over.
 */
final class StreamTail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamTail.class);
    /** How often the shard list is read again for shards DynamoDB has opened since. */
    private static final Duration SHARD_REFRESH = Duration.ofSeconds(10);

    private final StreamReading stream;
    private final Duration pollInterval;
    private final Consumer<AuditChange> sink;
    private final Runnable startedOver;
    private volatile Thread thread;

    /**
     * @param startedOver called when the tail starts again at the newest records after a failure:
     *                    the changes in between were not seen
     */
    StreamTail(StreamReading stream, Duration pollInterval, Consumer<AuditChange> sink, Runnable startedOver) {
        this.stream = stream;
        this.pollInterval = pollInterval;
        this.sink = sink;
        this.startedOver = startedOver;
    }

    @Override
    public void start() {
        Thread tail = new Thread(this::run, "audit-live-feed-tail");
        tail.setDaemon(true);
        thread = tail;
        tail.start();
        log.info("live feed: tailing the audit table's stream every {} ms", pollInterval.toMillis());
    }

    private void run() {
        Map<String, String> iterators = new HashMap<>();
        Set<String> known = new HashSet<>();
        long lastRefresh = 0;
        boolean first = true;
        while (thread == Thread.currentThread()) {
            try {
                if (System.nanoTime() - lastRefresh > SHARD_REFRESH.toNanos()) {
                    for (StreamReading.Shard shard : stream.shards()) {
                        if (known.add(shard.id()) && !shard.closed()) {
                            // at the start only what comes from now on; a shard opened later from its beginning
                            iterators.put(shard.id(), first ? stream.latest(shard.id()) : stream.trimHorizon(shard.id()));
                        }
                    }
                    first = false;
                    lastRefresh = System.nanoTime();
                }
                for (var entry : Map.copyOf(iterators).entrySet()) {
                    StreamReading.Batch batch = stream.read(entry.getKey(), entry.getValue());
                    batch.changes().forEach(sink);
                    if (batch.next() == null) {
                        iterators.remove(entry.getKey());
                        lastRefresh = 0; // the shard closed: its children are due
                    } else {
                        iterators.put(entry.getKey(), batch.next());
                    }
                }
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("live feed: reading the stream failed ({}); retrying", e.toString());
                iterators.clear();
                known.clear();
                first = true;
                startedOver.run();
                lastRefresh = 0;
                try {
                    Thread.sleep(Math.max(1000, pollInterval.toMillis()));
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
