package com.ec2manager.stream;

import java.util.concurrent.CompletableFuture;

/**
 * Reacts to each change once per stream (tamper alarms, notifications): called by the instance
 * that holds the shard's lease. At least once: after a crash, changes since the last checkpoint
 * come again, so a listener is idempotent on {@link AuditChange#itemKey()} and
 * {@link AuditChange#sequenceNumber()}.
 */
public interface ChangeListener {

    /** Nothing left to do: what a listener answers when its reaction is done on return. */
    CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /**
     * Reacts to {@code change}; the answer completes once the reaction is done for good (e.g. a
     * notification delivered or dead-lettered). The consumer checkpoints the shard past the change
     * only then, so that a crash before it replays the change instead of losing the reaction.
     */
    CompletableFuture<Void> onChange(AuditChange change);
}
