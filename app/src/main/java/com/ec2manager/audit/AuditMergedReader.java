package com.ec2manager.audit;

import static com.ec2manager.audit.AuditTableSchema.TIMESTAMP;
import static com.ec2manager.audit.AuditTableSchema.USER_ID;

import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A k-way merge of partition readers, newest first, that remembers where each partition stands
 * so that a cursor can resume every one of them exactly after the last record handed out.
 */
final class AuditMergedReader implements Iterator<AuditRecord> {

    private static final Comparator<AuditPartitionReader> NEWEST_FIRST = Comparator
            .comparing((AuditPartitionReader r) -> r.peek().get(TIMESTAMP).s()).reversed()
            .thenComparing(AuditPartitionReader::partition)
            .thenComparing(r -> r.peek().get(USER_ID).s());

    private final PriorityQueue<AuditPartitionReader> heads = new PriorityQueue<>(NEWEST_FIRST);
    private final Map<String, AuditCursorCodec.Position> positions;

    AuditMergedReader(List<AuditPartitionReader> readers, Map<String, AuditCursorCodec.Position> positions) {
        this.positions = new LinkedHashMap<>(positions);
        for (AuditPartitionReader reader : readers) {
            admit(reader);
        }
    }

    @Override
    public boolean hasNext() {
        return !heads.isEmpty();
    }

    @Override
    public AuditRecord next() {
        AuditPartitionReader reader = heads.poll();
        if (reader == null) {
            throw new NoSuchElementException();
        }
        AuditRecord record = AuditItems.fromItem(reader.next());
        positions.put(reader.partition(), AuditCursorCodec.Position.after(record.key()));
        admit(reader);
        return record;
    }

    /** Where every partition stands after the records handed out so far. */
    Map<String, AuditCursorCodec.Position> positions() {
        return positions;
    }

    private void admit(AuditPartitionReader reader) {
        if (reader.hasNext()) {
            heads.add(reader);
        } else {
            positions.put(reader.partition(), AuditCursorCodec.Position.DONE);
        }
    }
}
