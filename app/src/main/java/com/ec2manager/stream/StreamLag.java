package com.ec2manager.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far the leased consumer is behind, per shard it holds: the age of the newest record it has
 * processed, or zero when a read found the shard drained.
 */
public final class StreamLag {

    private final Clock clock;
    private final Map<String, Instant> newestProcessed = new ConcurrentHashMap<>();
    private final Map<String, Boolean> caughtUp = new ConcurrentHashMap<>();

    StreamLag(Clock clock) {
        this.clock = clock;
    }

    void processed(String shardId, Instant newestRecord, boolean drained) {
        if (newestRecord != null) {
            newestProcessed.put(shardId, newestRecord);
        }
        caughtUp.put(shardId, drained);
    }

    void released(String shardId) {
        newestProcessed.remove(shardId);
        caughtUp.remove(shardId);
    }

    /** The largest lag over the shards held, empty when this instance holds none. */
    public Optional<Duration> current() {
        Instant now = clock.instant();
        Duration worst = null;
        for (String shard : caughtUp.keySet()) {
            Duration lag = Boolean.TRUE.equals(caughtUp.get(shard)) || !newestProcessed.containsKey(shard)
                    ? Duration.ZERO : Duration.between(newestProcessed.get(shard), now);
            if (worst == null || lag.compareTo(worst) > 0) {
                worst = lag;
            }
        }
        return Optional.ofNullable(worst);
    }

    /** The shards this instance holds now. */
    public int shardsHeld() {
        return caughtUp.size();
    }
}
