package com.ec2manager.stream;

import java.time.Instant;
import java.util.List;

/**
 * Where the leased consumer puts the changes of each shard durably (the archive). The consumer
 * checkpoints a shard only after its writer has made everything it was given durable, so that a
 * crash replays from the checkpoint and loses nothing.
 */
public interface StreamSink {

    /** A writer for the shard this instance has just leased. */
    ShardWriter openShard(String shardId);

    interface ShardWriter {

        /** Takes the changes; they need not be durable yet. */
        void write(List<AuditChange> changes);

        /**
         * Makes the changes taken so far durable if the current interval is over; true when it
         * made changes durable that were not before, so that a checkpoint may follow.
         */
        boolean flushIfDue(Instant now);

        /** Makes every change taken so far durable now (shard end, shutdown). */
        void flush();

        /** Drops what is not yet durable: the lease went to another instance, which will replay it. */
        void abandon();
    }
}
