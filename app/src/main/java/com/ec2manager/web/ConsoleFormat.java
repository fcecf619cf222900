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

    /** A fresh idempotency key for a form, so that submitting it twice acts once. */
    public String newKey() {
        return java.util.UUID.randomUUID().toString();
    }

    /** The tags worth showing in a table: not Name, not aws:*, sorted by key, at most {@code max}. */
    public java.util.List<java.util.Map.Entry<String, String>> visibleTags(java.util.Map<String, String> tags, int max) {
        return shownTags(tags).limit(max).toList();
    }

    /** How many tags {@link #visibleTags} leaves out. */
    public long hiddenTags(java.util.Map<String, String> tags, int max) {
        return Math.max(0, shownTags(tags).count() - max);
    }

    /** The tags {@link #visibleTags} leaves out, as {@code Key=Value, …}: the "+N more" marker's title. */
    public String hiddenTagText(java.util.Map<String, String> tags, int max) {
        return shownTags(tags).skip(max).map(tag -> tag.getKey() + "=" + tag.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static java.util.stream.Stream<java.util.Map.Entry<String, String>> shownTags(java.util.Map<String, String> tags) {
        return tags.entrySet().stream().filter(tag -> !tag.getKey().equals("Name") && !tag.getKey().startsWith("aws:"))
                .sorted(java.util.Map.Entry.comparingByKey());
    }

    /** The instant of an epoch-seconds value such as a DynamoDB TTL. */
    public Instant epochSeconds(long seconds) {
        return Instant.ofEpochSecond(seconds);
    }

    /** An enum constant for people: {@code STOP_INSTANCE} becomes {@code Stop instance}, {@code EC2_INSTANCE} {@code EC2 instance}. */
    public String label(Object value) {
        if (value == null) {
            return "";
        }
        return sentence((value instanceof Enum<?> constant ? constant.name() : value.toString()).split("_"));
    }

    /** A field name for people: {@code previousState} becomes {@code Previous state}, {@code mfa} {@code MFA}. */
    public String fieldLabel(String name) {
        if (name == null) {
            return "";
        }
        return sentence(name.split("(?<=[a-z0-9])(?=[A-Z])|[_\\-\\s]+"));
    }

    /** A percentage as the tables show it: one decimal under 10 %, none above ("3.2 %", "47 %"). */
    public String percent(double value) {
        return percentOf(value);
    }

    /** As {@link #percent(double)}, for code outside templates (the monitoring panel). */
    public static String percentOf(double value) {
        return String.format(java.util.Locale.ENGLISH, value < 10 ? "%.1f %%" : "%.0f %%", value);
    }

    /** A whole number with thousands separators, e.g. {@code 12,132}. */
    public String count(long value) {
        return String.format(java.util.Locale.ROOT, "%,d", value);
    }

    private static final java.util.Set<String> ACRONYMS = java.util.Set.of("EC2", "MFA", "TOTP", "IP", "ID", "AWS",
            "ASG", "CPU", "DNS", "VPC", "API", "URL", "TTL");

    private static String sentence(String[] words) {
        StringBuilder text = new StringBuilder();
        for (String word : words) {
            if (word.isEmpty()) {
                continue;
            }
            String upper = word.toUpperCase(java.util.Locale.ROOT);
            String shown = ACRONYMS.contains(upper) ? upper : word.toLowerCase(java.util.Locale.ROOT);
            if (text.isEmpty() && !ACRONYMS.contains(upper)) {
                shown = Character.toUpperCase(shown.charAt(0)) + shown.substring(1);
            }
            text.append(text.isEmpty() ? "" : " ").append(shown);
        }
        return text.toString();
    }

    /**
     * Who acted, as a person reads it: the e-mail; a schedule (user id {@code schedule:<id>}, no
     * e-mail) by the name its records carry; otherwise the user id itself.
     */
    public String actor(String email, String userId, String scheduleName) {
        return actorOf(email, userId, scheduleName);
    }

    /** As {@link #actor}, for code that renders outside a page's model (the live feed's rows). */
    public static String actorOf(String email, String userId, String scheduleName) {
        if (email != null && !email.isBlank()) {
            return email;
        }
        if (userId != null && userId.startsWith("schedule:") && scheduleName != null && !scheduleName.isBlank()) {
            return "Schedule \u201c" + scheduleName + "\u201d";
        }
        return userId;
    }

    /** At most {@code max} characters, with an ellipsis when cut. */
    public String shorten(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        return value.substring(0, Math.max(0, max - 1)) + "…";
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
