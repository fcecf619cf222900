package com.ec2manager.archive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.ec2manager.stream.AuditChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the archive back for a time range: only the folders of the range's days (and the day
 * after, for records archived after midnight), keeping the records whose sort key lies in the
 * range.
 */
public final class ArchiveReader {

    private static final Logger log = LoggerFactory.getLogger(ArchiveReader.class);

    private final ArchiveStore store;

    public ArchiveReader(ArchiveStore store) {
        this.store = store;
    }

    /** The archive files that may hold records of the range, in key order. */
    public List<StoredFile> files(Instant from, Instant to) {
        List<StoredFile> files = new ArrayList<>();
        for (String day : ArchiveLayout.recordDays(from, to.plus(java.time.Duration.ofDays(1)))) {
            files.addAll(store.list(day));
        }
        return files;
    }

    /** Every archived record of the range, each once (a replay after a crash may have archived it twice). */
    public void forEach(Instant from, Instant to, Consumer<AuditChange> action) {
        forEach(from, to, action, key -> log.warn("archive file {} cannot be read; its records are left out", key));
    }

    /** As {@link #forEach(Instant, Instant, Consumer)}, telling {@code unreadable} of each file that is not gzip JSON Lines. */
    public void forEach(Instant from, Instant to, Consumer<AuditChange> action, Consumer<String> unreadable) {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (StoredFile file : files(from, to)) {
            store.get(file.key()).ifPresent(content -> {
                List<AuditChange> changes;
                try {
                    changes = ArchiveLines.read(content.bytes());
                } catch (RuntimeException e) {
                    unreadable.accept(file.key());
                    return;
                }
                for (AuditChange change : changes) {
                    if (inRange(change.timestamp(), from, to)
                            && seen.putIfAbsent(change.itemKey() + "@" + change.sequenceNumber(), Boolean.TRUE) == null) {
                        action.accept(change);
                    }
                }
            });
        }
    }

    /**
     * The latest archived image of every item of the range, newest first: what the table held
     * before TTL removed it. Items whose last archived change is a deletion that TTL did not make
     * are kept too, as they were before the deletion.
     */
    public List<AuditChange> latestPerItem(Instant from, Instant to) {
        Map<String, AuditChange> latest = new LinkedHashMap<>();
        forEach(from, to, change -> latest.merge(change.itemKey(), change,
                (a, b) -> AuditChange.compareSequence(a.sequenceNumber(), b.sequenceNumber()) >= 0 ? a : b));
        List<AuditChange> items = new ArrayList<>(latest.values());
        items.sort(Comparator.comparing(AuditChange::timestamp).reversed());
        return items;
    }

    private static boolean inRange(String timestamp, Instant from, Instant to) {
        Instant time = Instant.parse(timestamp);
        return !time.isBefore(from) && !time.isAfter(to);
    }
}
