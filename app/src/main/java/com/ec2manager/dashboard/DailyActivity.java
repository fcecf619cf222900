package com.ec2manager.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditTrail;
import org.springframework.stereotype.Component;

/**
 * Actions per UTC day over the last {@link #DAYS} days, by outcome, for the dashboard's chart.
 * Finished days hardly change (only a PENDING record settling moves one count), so they are
 * counted once and kept for {@link #REUSE}. Today is counted again only when the audit table
 * changed since ({@link AuditTableChanges}) and then at most once per
 * {@code todayReuse}: while records keep arriving the chart shows today as counted at
 * {@link Counts#todayCountedAt()}, and says so. A view of the dashboard thus reads no audit record
 * at all while nothing changes, and a busy day's records at most once per {@code todayReuse}.
 */
@Component
class DailyActivity {

    static final int DAYS = 14;
    static final Duration REUSE = Duration.ofMinutes(10);

    private final AuditTrail audit;
    private final AuditTableChanges changes;
    private final Clock clock;
    private final Duration todayReuse;
    private volatile Finished finished;
    private volatile Today today;

    DailyActivity(AuditTrail audit, AuditTableChanges changes, Clock clock, DashboardProperties properties) {
        this.audit = audit;
        this.changes = changes;
        this.clock = clock;
        this.todayReuse = properties.todayReuse();
    }

    /** One day's counts. */
    public record Day(LocalDate date, Map<AuditOutcome, Long> counts) {

        public long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        public long count(AuditOutcome outcome) {
            return counts.getOrDefault(outcome, 0L);
        }
    }

    /** The days, oldest first, and when today's counts were taken. */
    record Counts(List<Day> days, Instant todayCountedAt) {
    }

    private record Finished(LocalDate today, Instant countedAt, List<Day> days) {
    }

    private record Today(Day day, Instant countedAt, AuditTableChanges.Mark countedWhen) {
    }

    /** The last {@link #DAYS} days, oldest first, today last. */
    Counts lastDays() {
        Instant now = clock.instant();
        LocalDate date = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Finished cached = finished;
        if (cached == null || !cached.today().equals(date) || outOfDate(cached.countedAt(), now, REUSE)) {
            LocalDate first = date.minusDays(DAYS - 1L);
            cached = new Finished(date, now, count(first, date));
            finished = cached;
        }
        Today counted = today;
        boolean unchanged = counted != null && !changes.since(counted.countedWhen());
        if (counted == null || !counted.day().date().equals(date)
                || outOfDate(counted.countedAt(), now, unchanged ? REUSE : todayReuse)) {
            // the counts first: a change during the read moves them, and today is counted again
            AuditTableChanges.Mark mark = changes.mark();
            counted = new Today(count(date, date.plusDays(1)).get(0), now, mark);
            today = counted;
        }
        List<Day> days = new ArrayList<>(cached.days());
        days.add(counted.day());
        return new Counts(days, counted.countedAt());
    }

    private static boolean outOfDate(Instant countedAt, Instant now, Duration reuse) {
        return now.isBefore(countedAt) || !now.isBefore(countedAt.plus(reuse));
    }

    /** Counts of each day in [from, to). */
    private List<Day> count(LocalDate from, LocalDate to) {
        Map<LocalDate, Map<AuditOutcome, Long>> counts = new java.util.TreeMap<>();
        for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
            counts.put(day, new EnumMap<>(AuditOutcome.class));
        }
        try (Stream<AuditRecord> records = audit.stream(AuditQuery.all()
                .between(from.atStartOfDay(ZoneOffset.UTC).toInstant(), to.atStartOfDay(ZoneOffset.UTC).toInstant()))) {
            records.forEach(record -> {
                Map<AuditOutcome, Long> day = counts.get(LocalDate.ofInstant(record.eventTime(), ZoneOffset.UTC));
                if (day != null) {
                    day.merge(record.outcome(), 1L, Long::sum);
                }
            });
        }
        return counts.entrySet().stream().map(entry -> new Day(entry.getKey(), Map.copyOf(entry.getValue()))).toList();
    }
}
