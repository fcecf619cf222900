package com.ec2manager.audit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The audit search as it arrives in a request's query string, shared by the JSON API, the
 * export and the audit log page. {@link #toQuery()} checks it and turns it into an
 * {@link AuditQuery}; anything malformed is a 400 ({@link InvalidAuditQueryException}).
 *
 * @param userId     the acting user's id (the Cognito {@code sub})
 * @param action     an {@link AuditAction} name, case-insensitive, e.g. {@code STOP_INSTANCE}
 * @param resourceId the instance id or user the action touched
 * @param from       inclusive start: an instant ({@code 2025-01-13T10:30:00Z}), a date-time with
 *                   offset, a local date-time ({@code 2025-01-13T10:30} or {@code 2025-01-13 10:30})
 *                   or a date (both read in {@code zone})
 * @param to         exclusive end, same forms; a bare date means the end of that day
 * @param zone       the time zone of local date-times, e.g. {@code Europe/Berlin}; UTC when blank
 * @param limit      the page size, 1..1000; blank for the default of 50
 * @param cursor     the {@code nextCursor} of the previous page
 * @param outcome    {@link AuditOutcome} names, comma-separated and case-insensitive, e.g.
 *                   {@code FAILED,DENIED}; blank for every outcome
 */
public record AuditFilter(String userId, String action, String resourceId, String from, String to, String zone,
                          String limit, String cursor, String outcome) {

    private static final Pattern DATE_SPACE_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) +(\\d{2}:\\d{2})");

    public static final AuditFilter NONE = new AuditFilter(null, null, null, null, null, null, null, null, null);

    /** A filter of every outcome. */
    public AuditFilter(String userId, String action, String resourceId, String from, String to, String zone,
                       String limit, String cursor) {
        this(userId, action, resourceId, from, to, zone, limit, cursor, null);
    }

    public AuditFilter {
        userId = trimToNull(userId);
        action = trimToNull(action);
        resourceId = trimToNull(resourceId);
        from = trimToNull(from);
        to = trimToNull(to);
        zone = trimToNull(zone);
        limit = trimToNull(limit);
        cursor = trimToNull(cursor);
        outcome = trimToNull(outcome);
    }

    public AuditQuery toQuery() {
        ZoneId zoneId = zoneId();
        Instant start = instant("from", from, zoneId, false);
        Instant end = instant("to", to, zoneId, true);
        if (start != null && end != null && start.isAfter(end)) {
            throw new InvalidAuditQueryException("'from' (" + start + ") is after 'to' (" + end
                    + "): give the earlier time as 'from'.");
        }
        return new AuditQuery(userId, parsedAction(), resourceId, start, end, parsedLimit(), cursor, parsedOutcomes());
    }

    public AuditFilter withUserId(String id) {
        return new AuditFilter(id, action, resourceId, from, to, zone, limit, cursor, outcome);
    }

    public AuditFilter withCursor(String next) {
        return new AuditFilter(userId, action, resourceId, from, to, zone, limit, next, outcome);
    }

    public AuditFilter withLimit(String size) {
        return new AuditFilter(userId, action, resourceId, from, to, zone, size, null, outcome);
    }

    /** The outcomes asked for, as {@link AuditOutcome} names in upper case; empty for all. */
    public Set<String> outcomeNames() {
        return parsedOutcomes().stream().map(Enum::name).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    public boolean isEmpty() {
        return userId == null && action == null && resourceId == null && from == null && to == null && outcome == null;
    }

    /** The filter as query parameters, e.g. for the next page's link or the export's. */
    public String toQueryString() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("userId", userId);
        parameters.put("action", action);
        parameters.put("resourceId", resourceId);
        parameters.put("from", from);
        parameters.put("to", to);
        parameters.put("outcome", outcome);
        parameters.put("zone", zone);
        parameters.put("limit", limit);
        parameters.put("cursor", cursor);
        return parameters.entrySet().stream().filter(entry -> entry.getValue() != null)
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    AuditAction parsedAction() {
        if (action == null) {
            return null;
        }
        try {
            return AuditAction.valueOf(action.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidAuditQueryException("Unknown action '" + printable(action) + "': use one of "
                    + java.util.Arrays.toString(AuditAction.values()) + ".");
        }
    }

    private Set<AuditOutcome> parsedOutcomes() {
        if (outcome == null) {
            return Set.of();
        }
        Set<AuditOutcome> outcomes = EnumSet.noneOf(AuditOutcome.class);
        for (String name : outcome.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                outcomes.add(AuditOutcome.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new InvalidAuditQueryException("Unknown outcome '" + printable(name.trim()) + "': use one of "
                        + java.util.Arrays.toString(AuditOutcome.values()) + ".");
            }
        }
        return outcomes;
    }

    private int parsedLimit() {
        if (limit == null) {
            return 0;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value < 1 || value > AuditQuery.MAX_LIMIT) {
                throw new InvalidAuditQueryException("'limit' must be between 1 and " + AuditQuery.MAX_LIMIT
                        + ", not " + value + ".");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidAuditQueryException("'limit' must be a whole number, not '" + printable(limit) + "'.");
        }
    }

    private ZoneId zoneId() {
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new InvalidAuditQueryException("Unknown time zone '" + printable(zone)
                    + "': use a region id such as Europe/Berlin, or UTC.");
        }
    }

    private static Instant instant(String name, String text, ZoneId zone, boolean endOfDay) {
        if (text == null) {
            return null;
        }
        // the pages show and take times as "2025-01-13 10:30"
        text = DATE_SPACE_TIME.matcher(text).replaceFirst("$1T$2");
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            // fall through to the other accepted forms
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            // fall through
        }
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException notLocal) {
            // fall through
        }
        try {
            LocalDate date = LocalDate.parse(text);
            return (endOfDay ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException notDate) {
            throw new InvalidAuditQueryException("'" + name + "' must be an ISO-8601 time such as "
                    + "2025-01-13T10:30:00Z, 2025-01-13T10:30 or 2025-01-13, not '" + printable(text) + "'.");
        }
    }

    private static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A value safe to quote in a message: short and without control characters. */
    static String printable(String value) {
        String cleaned = value.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 80 ? cleaned.substring(0, 80) + "…" : cleaned;
    }
}
