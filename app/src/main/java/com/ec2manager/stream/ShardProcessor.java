package com.ec2manager.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsClientRecord;
import com.amazonaws.services.dynamodbv2.streamsadapter.model.DynamoDBStreamsProcessRecordsInput;
import com.amazonaws.services.dynamodbv2.streamsadapter.processor.DynamoDBStreamsShardRecordProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/**
 * Processes one shard while this instance holds its lease: tells the listeners of each change,
 * hands the changes to the shard's writer, and checkpoints a change only once the writer has made
 * it durable AND every listener's reaction to it (and to every change before it) is done — a
 * notification delivered or dead-lettered. A crash before that replays the change from the
 * checkpoint instead of losing its notification; the sinks are idempotent, so the replay is harmless.
 */
final class ShardProcessor implements DynamoDBStreamsShardRecordProcessor {

    private static final Logger log = LoggerFactory.getLogger(ShardProcessor.class);

    /** A change whose reactions are not done yet, with the change before it (null: none since the start). */
    private record Unsettled(String sequenceNumber, String before, CompletableFuture<Void> reactions) {
    }

    private final StreamSink sink;
    private final List<ChangeListener> listeners;
    private final StreamLag lag;
    private final Clock clock;
    private final Duration settleAtShutdown;
    private final Deque<Unsettled> unsettled = new ArrayDeque<>();
    private String shardId;
    private StreamSink.ShardWriter writer;
    /** The newest change handed to the writer, the newest it has made durable, the newest checkpointed. */
    private String newest;
    private String durable;
    private String checkpointed;

    ShardProcessor(StreamSink sink, List<ChangeListener> listeners, StreamLag lag, Clock clock,
                   Duration settleAtShutdown) {
        this.sink = sink;
        this.listeners = listeners;
        this.lag = lag;
        this.clock = clock;
        this.settleAtShutdown = settleAtShutdown;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        writer = sink.openShard(shardId);
        log.info("audit stream: processing shard {} from {}", shardId, input.extendedSequenceNumber());
    }

    @Override
    public void processRecords(DynamoDBStreamsProcessRecordsInput input) {
        List<AuditChange> changes = new ArrayList<>(input.records().size());
        for (DynamoDBStreamsClientRecord record : input.records()) {
            changes.add(StreamRecords.change(record.getRecord(), shardId));
        }
        for (AuditChange change : changes) {
            CompletableFuture<Void> reactions = react(change);
            if (!reactions.isDone() || reactions.isCompletedExceptionally()) {
                unsettled.addLast(new Unsettled(change.sequenceNumber(), newest, reactions));
            }
            newest = change.sequenceNumber();
        }
        if (!changes.isEmpty()) {
            writer.write(changes);
        }
        lag.processed(shardId, changes.isEmpty() ? null : changedAt(changes.get(changes.size() - 1)), changes.isEmpty());
        if (writer.flushIfDue(clock.instant())) {
            durable = newest;
        }
        checkpointSettled(input.checkpointer());
    }

    private CompletableFuture<Void> react(AuditChange change) {
        List<CompletableFuture<Void>> reactions = new ArrayList<>(listeners.size());
        for (ChangeListener listener : listeners) {
            try {
                reactions.add(listener.onChange(change));
            } catch (RuntimeException e) {
                // not done, so never checkpointed here: the shard's next owner (after a restart) tries again
                log.error("audit stream: a listener failed on {}; the shard is not checkpointed past it", change.itemKey(), e);
                reactions.add(CompletableFuture.failedFuture(e));
            }
        }
        return CompletableFuture.allOf(reactions.toArray(CompletableFuture[]::new));
    }

    /** Checkpoints the newest change that is durable and whose reactions, and all before, are done. */
    private void checkpointSettled(RecordProcessorCheckpointer checkpointer) {
        while (!unsettled.isEmpty() && unsettled.peekFirst().reactions().isDone()
                && !unsettled.peekFirst().reactions().isCompletedExceptionally()) {
            unsettled.removeFirst();
        }
        String upTo = durable;
        if (!unsettled.isEmpty()) {
            String before = unsettled.peekFirst().before();
            upTo = before == null || upTo == null ? null : AuditChange.compareSequence(before, upTo) < 0 ? before : upTo;
        }
        if (upTo != null && (checkpointed == null || AuditChange.compareSequence(upTo, checkpointed) > 0)) {
            checkpoint(checkpointer, upTo);
        }
    }

    /**
     * When the record changed: its completion or its write (the item's own times, to the
     * nanosecond), since DynamoDB rounds a stream record's approximate creation time down to the minute.
     */
    static java.time.Instant changedAt(AuditChange change) {
        String completedAt = AuditChange.string(change.newImage(), "completedAt");
        String time = change.kind() == AuditChange.Kind.MODIFY && completedAt != null ? completedAt
                : change.kind() == AuditChange.Kind.INSERT ? change.timestamp() : null;
        if (time != null) {
            try {
                return java.time.Instant.parse(time);
            } catch (java.time.format.DateTimeParseException e) {
                // not one of ours: fall back on the stream's time
            }
        }
        return change.approximateCreation();
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        log.info("audit stream: lost the lease of shard {}; its new owner replays from the checkpoint", shardId);
        writer.abandon();
        lag.released(shardId);
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        writer.flush();
        durable = newest;
        if (awaitReactions()) {
            // KCL moves on to the child shards only after this checkpoint; without it, it asks again later
            checkpoint(input.checkpointer(), null);
        }
        lag.released(shardId);
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        writer.flush();
        durable = newest;
        awaitReactions();
        checkpointSettled(input.checkpointer());
        lag.released(shardId);
    }

    /** Waits a little for the reactions still under way; true when every one is done. */
    private boolean awaitReactions() {
        try {
            CompletableFuture.allOf(unsettled.stream().map(Unsettled::reactions).toArray(CompletableFuture[]::new))
                    .get(settleAtShutdown.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("audit stream: reactions to shard {}'s changes not done ({}); their changes will be replayed",
                    shardId, e.toString());
        }
        return false;
    }

    /** Checkpoints at {@code sequenceNumber}, or at the shard's end when it is null. */
    private void checkpoint(RecordProcessorCheckpointer checkpointer, String sequenceNumber) {
        try {
            if (sequenceNumber == null) {
                checkpointer.checkpoint();
            } else {
                checkpointer.checkpoint(sequenceNumber);
                checkpointed = sequenceNumber;
            }
        } catch (ShutdownException e) {
            log.info("audit stream: shard {} no longer held, checkpoint skipped", shardId);
        } catch (InvalidStateException | IllegalArgumentException e) {
            log.warn("audit stream: checkpoint of shard {} failed; records since the last one will be replayed",
                    shardId, e);
        }
    }
}
