package com.ec2manager.archive;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Where things lie in the archive bucket, keyed by date as CloudTrail's log files are, so that a
 * time range reads the folders of its days only:
 * <pre>
 * records/2026/11/29/20261129T2135Z_shardId-00000001_000000000000000000042.jsonl.gz
 * digests/&lt;writer&gt;/2026/11/29/20261129T214000.125Z.json
 * </pre>
 */
public final class ArchiveLayout {

    public static final String RECORDS = "records/";
    public static final String DIGESTS = "digests/";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd/").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    // milliseconds: a writer closing (or written by hand) within the second of its timed digest must
    // not overwrite it, which would break its own chain
    private static final DateTimeFormatter MILLISECOND = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ArchiveLayout() {
    }

    /** The file of a shard's records taken in the interval that starts at {@code intervalStart}. */
    static String recordsFile(Instant intervalStart, String shardId, String firstSequenceNumber) {
        return RECORDS + DAY.format(intervalStart) + MINUTE.format(intervalStart) + "_" + safe(shardId) + "_"
                + safe(firstSequenceNumber) + ".jsonl.gz";
    }

    /** The digest a writer makes at {@code end}. */
    public static String digestFile(String writer, Instant end) {
        return DIGESTS + safe(writer) + "/" + DAY.format(end) + MILLISECOND.format(end) + ".json";
    }

    /** The folder of a writer's digests of one day. */
    public static String digestDay(String writer, LocalDate day) {
        return DIGESTS + safe(writer) + "/" + DAY.format(day.atStartOfDay(ZoneOffset.UTC)) ;
    }

    /** The records folders of every day from {@code from} to {@code to}, both included. */
    static List<String> recordDays(Instant from, Instant to) {
        List<String> days = new ArrayList<>();
        for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC); !day.isAfter(LocalDate.ofInstant(to, ZoneOffset.UTC));
             day = day.plusDays(1)) {
            days.add(RECORDS + DAY.format(day.atStartOfDay(ZoneOffset.UTC)));
        }
        return days;
    }

    /** The start of the interval that holds {@code time}: intervals are aligned on the epoch. */
    public static Instant intervalStart(Instant time, Duration interval) {
        long millis = interval.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), millis) * millis);
    }

    private static String safe(String part) {
        return part.replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
