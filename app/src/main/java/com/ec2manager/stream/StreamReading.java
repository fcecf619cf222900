package com.ec2manager.stream;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads the audit table's stream directly, without KCL and without a lease, for the live feed
 * that every instance keeps for itself; records leave as {@link AuditChange}s.
 */
public final class StreamReading {

    /** A shard of the stream; closed ones have an ending sequence number. */
    public record Shard(String id, boolean closed) {
    }

    /** What one read gave: the changes, and the iterator for the next read (null once the shard has ended). */
    public record Batch(List<AuditChange> changes, String next) {
    }

    private final DynamoDbStreamsClient streams;
    private final String table;
    /** Found on the first read: the table is made beside the application's start, not before it. */
    private String streamArn;

    private StreamReading(DynamoDbStreamsClient streams, String table) {
        this.streams = streams;
        this.table = table;
    }

    private synchronized String streamArn() {
        if (streamArn == null) {
            streamArn = streamArn(streams, table);
        }
        return streamArn;
    }

    /** The reading of {@code table}'s current stream. */
    public static StreamReading ofTable(DynamoDbStreamsClient streams, String table) {
        return new StreamReading(streams, table);
    }

    /**
     * The ARN of {@code table}'s current stream, through the streams client, whose ARNs are the
     * ones KCL must see (see {@code aws.DynamoDbLocalStreamArns}).
     */
    static String streamArn(DynamoDbStreamsClient streams, String table) {
        return streams.listStreams(r -> r.tableName(table)).streams().stream()
                .map(s -> s.streamArn()).reduce((first, later) -> later)
                .orElseThrow(() -> new IllegalStateException("the audit table " + table + " has no stream"));
    }

    public List<Shard> shards() {
        List<Shard> shards = new ArrayList<>();
        String after = null;
        do {
            String start = after;
            var description = streams.describeStream(r -> r.streamArn(streamArn()).exclusiveStartShardId(start))
                    .streamDescription();
            description.shards().forEach(shard -> shards.add(new Shard(shard.shardId(),
                    shard.sequenceNumberRange() != null && shard.sequenceNumberRange().endingSequenceNumber() != null)));
            after = description.lastEvaluatedShardId();
        } while (after != null);
        return shards;
    }

    public String latest(String shardId) {
        return iterator(shardId, ShardIteratorType.LATEST);
    }

    public String trimHorizon(String shardId) {
        return iterator(shardId, ShardIteratorType.TRIM_HORIZON);
    }

    private String iterator(String shardId, ShardIteratorType type) {
        return streams.getShardIterator(r -> r.streamArn(streamArn()).shardId(shardId).shardIteratorType(type))
                .shardIterator();
    }

    public Batch read(String shardId, String iterator) {
        try {
            var response = streams.getRecords(r -> r.shardIterator(iterator).limit(1000));
            List<AuditChange> changes = new ArrayList<>(response.records().size());
            for (Record record : response.records()) {
                changes.add(StreamRecords.change(record, shardId));
            }
            return new Batch(changes, response.nextShardIterator());
        } catch (ExpiredIteratorException e) {
            return new Batch(List.of(), latest(shardId));
        }
    }
}
