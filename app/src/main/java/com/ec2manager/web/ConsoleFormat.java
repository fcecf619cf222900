package com.ec2manager.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

import org.springframework.stereotype.Component;

/**
 * Formatting the templates need, reachable as {@code @consoleFormat} in Thymeleaf. Times are
 * rendered in UTC on the server; {@code js/time.js} shows them in the viewer's zone.
 */
@Component("consoleFormat")
public class ConsoleFormat {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The instant as ISO-8601 in UTC, for {@code <time datetime>}; accepts an Instant or its text. */
    public String iso(Object instant) {
        Instant value = toInstant(instant);
        return value == null ? "" : value.toString();
    }

    /** The instant for people, in UTC, e.g. {@code 2025-01-13 10:30:00 UTC}. */
    public String utc(Object instant) {
        Instant value = toInstant(instant);
        return value == null ? "" : UTC.format(value);
    }

    static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof TemporalAccessor temporal) {
            return Instant.from(temporal);
        }
        try {
            return Instant.parse(value.toString());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
