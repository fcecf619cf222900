package com.ec2manager.archive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.ec2manager.stream.AuditChange;
import com.ec2manager.stream.StreamSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives the stream: each shard's records of an interval become one gzip JSON Lines file in
 * the bucket, written when the interval is over (or earlier, when a shard has buffered
 * {@code maxBuffered} records, at shard end and at shutdown). Every file written is told to
 * the {@link ArchiveFileListener} for the digest.
 */
final class ArchiveSink implements StreamSink {

    private static final Logger log = LoggerFactory.getLogger(ArchiveSink.class);

    private final ArchiveStore store;
    private final ArchiveFileListener listener;
    private final Duration interval;
    private final int maxBuffered;
    private final Clock clock;

    ArchiveSink(ArchiveStore store, ArchiveFileListener listener, Duration interval, int maxBuffered,
                       Clock clock) {
        this.store = store;
        this.listener = listener;
        this.interval = interval;
        this.maxBuffered = maxBuffered;
        this.clock = clock;
    }

    @Override
    public ShardWriter openShard(String shardId) {
        return new ShardArchiveWriter(shardId);
    }

    /** Writes {@code changes} as one archive file now; the file's name holds its interval and shard. */
    ArchivedFile writeFile(String shardId, Instant intervalStart, List<AuditChange> changes) {
        byte[] bytes = ArchiveLines.write(changes);
        String key = ArchiveLayout.recordsFile(intervalStart, shardId, changes.get(0).sequenceNumber());
        store.put(key, bytes, "application/x-ndjson", Map.of("records", Integer.toString(changes.size())));
        ArchivedFile file = new ArchivedFile(key, Sha256.hex(bytes), changes.size());
        listener.written(file);
        log.debug("archived {} records of shard {} in {}", changes.size(), shardId, key);
        return file;
    }

    private final class ShardArchiveWriter implements ShardWriter {

        private final String shardId;
        private final List<AuditChange> buffered = new ArrayList<>();
        private Instant intervalStart;

        ShardArchiveWriter(String shardId) {
            this.shardId = shardId;
            this.intervalStart = ArchiveLayout.intervalStart(clock.instant(), interval);
        }

        @Override
        public void write(List<AuditChange> changes) {
            buffered.addAll(changes);
        }

        @Override
        public boolean flushIfDue(Instant now) {
            Instant currentStart = ArchiveLayout.intervalStart(now, interval);
            if (currentStart.isAfter(intervalStart)) {
                boolean wrote = writeBuffered();
                intervalStart = currentStart;
                return wrote;
            }
            return buffered.size() >= maxBuffered && writeBuffered();
        }

        @Override
        public void flush() {
            writeBuffered();
        }

        @Override
        public void abandon() {
            buffered.clear();
        }

        private boolean writeBuffered() {
            if (buffered.isEmpty()) {
                return false;
            }
            writeFile(shardId, intervalStart, List.copyOf(buffered));
            buffered.clear();
            return true;
        }
    }
}
