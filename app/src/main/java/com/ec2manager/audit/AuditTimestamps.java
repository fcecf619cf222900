package com.ec2manager.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the audit table's sort key ({@code timestamp}) unique per process and time-ordered.
 *
 * <p>The key is ISO-8601 UTC with a nine-digit fraction, e.g. {@code 2025-01-13T10:30:00.000000001Z}.
 * The first three fraction digits are the clock's milliseconds; the last six are a counter within
 * that millisecond. Both together are one number (epoch milliseconds × 10⁶ + counter) that only
 * ever grows within a process: each key is {@code max(previous + 1, now × 10⁶)}. So a million
 * events of one millisecond stay distinct, a clock that steps back never produces an earlier
 * key, and the strings sort lexicographically in time order (fixed width) while remaining valid
 * ISO-8601 instants. Another process can pick the same value; the writer's conditional PutItem
 * refuses it, and the next key is taken past the one found ({@link #skipPast}).
 */
public final class AuditTimestamps {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    /** Fixed width so that string order is time order. */
    static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 9, 9, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

    public AuditTimestamps(Clock clock) {
        this.clock = clock;
    }

    /** The next sort key: later than every key this instance handed out before. */
    public String next() {
        return format(nextValue());
    }

    /**
     * Moves past a key another process took (a conditional write found it), so that the next key
     * is later than it rather than one that process is about to take as well.
     */
    void skipPast(String taken) {
        Instant instant = parse(taken);
        long value = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        last.accumulateAndGet(value, Math::max);
    }

    long nextValue() {
        long floor = Math.multiplyExact(clock.millis(), NANOS_PER_MILLI);
        return last.accumulateAndGet(floor, (previous, now) -> Math.max(previous + 1, now));
    }

    /**
     * The common case, {@code uuuu-MM-ddTHH:mm:ss.nnnnnnnnnZ}, without the general parser (it is
     * on the path of every record read); null for anything else.
     */
    private static Instant parseFixedWidth(String s) {
        if (s == null || s.length() != 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(19) != '.' || s.charAt(29) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int nanos = digits(s, 20, 29);
        if ((year | month | day | hour | minute | second | nanos) < 0 || month < 1 || month > 12 || day < 1
                || day > java.time.YearMonth.of(year, month).lengthOfMonth() || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second, nanos);
    }

    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static String format(long epochNanos) {
        return FORMAT.format(Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L)));
    }

    /** The sort-key form of an instant (for range bounds). */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** The instant a sort key (or any ISO-8601 instant) stands for. */
    public static Instant parse(String timestamp) {
        Instant fast = parseFixedWidth(timestamp);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an audit timestamp: " + timestamp, e);
        }
    }
}
