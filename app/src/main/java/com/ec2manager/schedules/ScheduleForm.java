package com.ec2manager.schedules;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A schedule as a person writes it (the API's body).
 *
 * @param name     required, at most 100 characters
 * @param timeZone an IANA zone, e.g. {@code Europe/Berlin}
 * @param periods  each {@code {"days": ["MON", …], "start": "08:00", "stop": "19:00"}}
 * @param holidays ISO dates on which instances do not run
 * @param mode     {@code STOP_AND_START} (default), {@code STOP_ONLY} or {@code START_ONLY}
 * @param hibernate stop by hibernating (instances must be enabled for hibernation in EC2); default false
 * @param target   {@code {"tags": {"Schedule": "office-hours"}, "accounts": […], "regions": […]}};
 *                 tags default to {@code Schedule=<name>}
 */
public record ScheduleForm(String name, String timeZone, List<PeriodForm> periods, List<String> holidays,
                           String mode, Boolean hibernate, TargetForm target) {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    /** One period as written. */
    public record PeriodForm(List<String> days, String start, String stop) {
    }

    /** The target as written. */
    public record TargetForm(Map<String, String> tags, List<String> accounts, List<String> regions) {
    }

    /** The schedule this form describes, or the first thing wrong with it. */
    Schedule toSchedule(String id, Instant now, String by) {
        String given = name == null ? "" : name.strip();
        if (given.isEmpty() || given.length() > 100) {
            throw ScheduleFailure.invalid("name", "required, at most 100 characters");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone == null ? "" : timeZone.strip());
        } catch (DateTimeException e) {
            throw ScheduleFailure.invalid("timeZone", "an IANA time zone such as Europe/Berlin, not '" + printable(timeZone) + "'");
        }
        if (periods == null || periods.isEmpty() || periods.size() > 20) {
            throw ScheduleFailure.invalid("periods", "from 1 to 20");
        }
        List<Schedule.Period> parsed = new ArrayList<>();
        for (int index = 0; index < periods.size(); index++) {
            PeriodForm period = periods.get(index);
            String at = "periods[" + index + "]";
            if (period == null || period.days() == null || period.days().isEmpty()) {
                throw ScheduleFailure.invalid(at + ".days", "pick at least one day, e.g. [\"MON\", \"TUE\"]");
            }
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (String day : period.days()) {
                days.add(day(at + ".days", day));
            }
            LocalTime start = time(at + ".start", period.start());
            LocalTime stop = time(at + ".stop", period.stop());
            if (start.equals(stop)) {
                throw ScheduleFailure.invalid(at + ".stop", "must differ from the start");
            }
            parsed.add(new Schedule.Period(days, start, stop));
        }
        Set<LocalDate> dates = new LinkedHashSet<>();
        if (holidays != null) {
            if (holidays.size() > 366) {
                throw ScheduleFailure.invalid("holidays", "at most 366");
            }
            for (String date : holidays) {
                try {
                    dates.add(LocalDate.parse(date == null ? "" : date.strip()));
                } catch (DateTimeParseException e) {
                    throw ScheduleFailure.invalid("holidays", "ISO dates such as 2026-12-25, not '" + printable(date) + "'");
                }
            }
        }
        Schedule.Mode parsedMode;
        try {
            parsedMode = mode == null || mode.isBlank() ? Schedule.Mode.STOP_AND_START
                    : Schedule.Mode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ScheduleFailure.invalid("mode", "STOP_AND_START, STOP_ONLY or START_ONLY");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (target != null && target.tags() != null) {
            target.tags().forEach((key, value) -> {
                if (key == null || key.isBlank() || key.length() > 128 || value == null || value.length() > 256) {
                    throw ScheduleFailure.invalid("target.tags", "each needs a key (at most 128 characters) and a value");
                }
                tags.put(key, value);
            });
        }
        if (tags.isEmpty()) {
            tags.put("Schedule", given);
        }
        return new Schedule(id, given, zone, parsed, dates, parsedMode, Boolean.TRUE.equals(hibernate), new Schedule.Target(tags,
                checked("target.accounts", target == null ? null : target.accounts(), ACCOUNT),
                checked("target.regions", target == null ? null : target.regions(), REGION)), now, by);
    }

    private static DayOfWeek day(String field, String day) {
        return Schedule.dayNamed(day).orElseThrow(() ->
                ScheduleFailure.invalid(field, "days are MON, TUE, WED, THU, FRI, SAT, SUN, not '" + printable(day) + "'"));
    }

    private static LocalTime time(String field, String text) {
        try {
            return LocalTime.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            throw ScheduleFailure.invalid(field, "a time such as 08:00, not '" + printable(text) + "'");
        }
    }

    private static Set<String> checked(String field, List<String> values, Pattern form) {
        Set<String> checked = new LinkedHashSet<>();
        if (values != null) {
            for (String value : values) {
                String trimmed = value == null ? "" : value.strip();
                if (!form.matcher(trimmed).matches()) {
                    throw ScheduleFailure.invalid(field, "'" + printable(trimmed) + "' is not valid");
                }
                checked.add(trimmed);
            }
        }
        return checked;
    }

    private static String printable(String value) {
        String text = value == null ? "" : value.replaceAll("\\p{Cntrl}", "?");
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
