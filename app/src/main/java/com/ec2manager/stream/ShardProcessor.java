package com.ec2manager.stream;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

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
 * hands the changes to the shard's writer, and checkpoints only after the writer has made them
 * durable.
 */
final class ShardProcessor implements DynamoDBStreamsShardRecordProcessor {

    private static final Logger log = LoggerFactory.getLogger(ShardProcessor.class);

    private final StreamSink sink;
    private final List<ChangeListener> listeners;
    private final StreamLag lag;
    private final Clock clock;
    private String shardId;
    private StreamSink.ShardWriter writer;

    ShardProcessor(StreamSink sink, List<ChangeListener> listeners, StreamLag lag, Clock clock) {
        this.sink = sink;
        this.listeners = listeners;
        this.lag = lag;
        this.clock = clock;
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
            for (ChangeListener listener : listeners) {
                try {
                    listener.onChange(change);
                } catch (RuntimeException e) {
                    // one listener's failure must not stop the archive
                    log.error("audit stream: a listener failed on {}", change.itemKey(), e);
                }
            }
        }
        if (!changes.isEmpty()) {
            writer.write(changes);
        }
        lag.processed(shardId, changes.isEmpty() ? null : changedAt(changes.get(changes.size() - 1)), changes.isEmpty());
        if (writer.flushIfDue(clock.instant())) {
            checkpoint(input.checkpointer());
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
        checkpoint(input.checkpointer());
        lag.released(shardId);
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        writer.flush();
        checkpoint(input.checkpointer());
        lag.released(shardId);
    }

    private void checkpoint(RecordProcessorCheckpointer checkpointer) {
        try {
            checkpointer.checkpoint();
        } catch (ShutdownException e) {
            log.info("audit stream: shard {} no longer held, checkpoint skipped", shardId);
        } catch (InvalidStateException e) {
            log.warn("audit stream: checkpoint of shard {} failed; records since the last one will be replayed",
                    shardId, e);
        }
    }
}
