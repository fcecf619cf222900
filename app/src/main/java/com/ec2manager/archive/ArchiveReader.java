package com.ec2manager.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import com.ec2manager.stream.AuditChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

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
    List<AuditChange> latestPerItem(Instant from, Instant to) {
        Map<String, AuditChange> latest = new LinkedHashMap<>();
        forEach(from, to, change -> latest.merge(change.itemKey(), change,
                (a, b) -> AuditChange.compareSequence(a.sequenceNumber(), b.sequenceNumber()) >= 0 ? a : b));
        List<AuditChange> items = new ArrayList<>(latest.values());
        items.sort(Comparator.comparing(AuditChange::timestamp).thenComparing(AuditChange::userId).reversed());
        return items;
    }

    /**
     * The latest archived image of every item of the range, newest first (by sort key, then user),
     * read lazily one day at a time: the stream holds one day's records, however long the range.
     * A day's records are in its own folder and, when archived after midnight, the next one's.
     */
    Stream<AuditChange> newestFirst(Instant from, Instant to) {
        return newestFirst(from, to, failure -> failure);
    }

    /** As {@link #newestFirst(Instant, Instant)}; a failure to read the bucket is thrown as {@code unavailable} makes it. */
    Stream<AuditChange> newestFirst(Instant from, Instant to,
                                    Function<SdkException, ? extends RuntimeException> unavailable) {
        LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC);
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        return Stream.iterate(last, day -> day.minusDays(1)).limit(days).flatMap(day -> {
            Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant dayEnd = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1);
            Instant start = from.isAfter(dayStart) ? from : dayStart;
            Instant end = to.isBefore(dayEnd) ? to : dayEnd;
            try {
                return latestPerItem(start, end).stream();
            } catch (SdkException e) {
                throw unavailable.apply(e);
            }
        });
    }

    private static boolean inRange(String timestamp, Instant from, Instant to) {
        Instant time = Instant.parse(timestamp);
        return !time.isBefore(from) && !time.isAfter(to);
    }
}
