package com.ec2manager.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Where the table's retention ends and what lies before it: a query whose range reaches further
 * back than the table keeps records reads that part from the archive, newest first, filtered
 * while it streams. Shared by the audit log page and the export.
 */
@Component
class AuditArchiveReach {

    private final AuditArchive archive;
    private final Duration retention;
    private final Clock clock;

    AuditArchiveReach(ObjectProvider<AuditArchive> archive, AuditProperties properties, Clock clock) {
        this.archive = archive.getIfAvailable();
        this.retention = properties.retention();
        this.clock = clock;
    }

    /** Where the table's records begin now: anything older is only in the archive. */
    Instant cutoff() {
        return clock.instant().minus(retention);
    }

    /** True when {@code query}'s range starts before the table's retention and there is an archive to read. */
    boolean reaches(AuditQuery query) {
        return archive != null && query.from() != null && query.from().isBefore(cutoff());
    }

    /** The part of {@code query} the table answers: from the cutoff on (nothing when the range ends before it). */
    AuditQuery tablePart(AuditQuery query, Instant cutoff) {
        return query.between(cutoff, query.to());
    }

    /** True when the whole range lies before the cutoff, so that the table has none of it. */
    boolean beforeTable(AuditQuery query, Instant cutoff) {
        return query.to() != null && !query.to().isAfter(cutoff);
    }

    /**
     * The archived records of {@code query}'s range that are older than {@code before} (a sort key
     * position, see {@link #position}), or older than the cutoff when null; newest first, each
     * matching the query's filters. Lazy: close the stream.
     */
    Stream<AuditRecord> older(AuditQuery query, Instant cutoff, String before) {
        Instant to = query.to() != null && query.to().isBefore(cutoff) ? query.to() : cutoff;
        return archive.items(query.from(), to)
                .map(AuditItems::fromItem)
                .filter(record -> before == null || position(record).compareTo(before) < 0)
                .filter(record -> record.eventTime().isBefore(to))
                .filter(record -> matches(query, record));
    }

    /** A record's place in newest-first order: its sort key, then its user (sort keys of two users may be equal). */
    static String position(AuditRecord record) {
        return record.timestamp() + "|" + record.userId();
    }

    private static boolean matches(AuditQuery query, AuditRecord record) {
        return (query.userId() == null || query.userId().equals(record.userId()))
                && (query.action() == null || query.action() == record.action())
                && (query.resourceId() == null || query.resourceId().equals(record.resourceId()))
                && (query.outcomes().isEmpty() || query.outcomes().contains(record.outcome()));
    }
}
