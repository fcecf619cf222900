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
 * counted once and kept for {@link #REUSE}; today is counted on every request. This keeps a
 * dashboard view to reading today's records, not two weeks of them.
 */
@Component
class DailyActivity {

    static final int DAYS = 14;
    static final Duration REUSE = Duration.ofMinutes(10);

    private final AuditTrail audit;
    private final Clock clock;
    private volatile Finished finished;

    DailyActivity(AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
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

    private record Finished(LocalDate today, Instant countedAt, List<Day> days) {
    }

    /** The last {@link #DAYS} days, oldest first, today last. */
    List<Day> lastDays() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Finished cached = finished;
        if (cached == null || !cached.today().equals(today) || cached.countedAt().plus(REUSE).isBefore(now)) {
            LocalDate first = today.minusDays(DAYS - 1L);
            cached = new Finished(today, now, count(first, today));
            finished = cached;
        }
        List<Day> days = new ArrayList<>(cached.days());
        days.addAll(count(today, today.plusDays(1)));
        return days;
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
