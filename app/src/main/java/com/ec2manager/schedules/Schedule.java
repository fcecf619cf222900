package com.ec2manager.schedules;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * When instances should run: periods of the week in a time zone, holidays on which they do not
 * run, what the schedule may do (start, stop or both), and which instances it targets by tag.
 *
 * @param id        stable id
 * @param name      for people and in the audit record
 * @param timeZone  the zone the periods are read in, e.g. {@code Europe/Berlin}
 * @param periods   when instances run; empty: never
 * @param holidays  dates (in the zone) on which they do not run at all
 * @param mode      what it does at a transition
 * @param hibernate whether its stops hibernate the instances (EC2's {@code Hibernate=true})
 * @param target    the instances it acts on
 * @param updatedAt when last written
 * @param updatedBy by whom (e-mail)
 */
public record Schedule(String id, String name, ZoneId timeZone, List<Period> periods, Set<LocalDate> holidays,
                       Mode mode, boolean hibernate, Target target, Instant updatedAt, String updatedBy) {

    public Schedule {
        periods = List.copyOf(periods);
        holidays = Set.copyOf(holidays);
    }

    /** What a schedule does at its transitions. */
    enum Mode {
        STOP_AND_START, STOP_ONLY, START_ONLY;

        boolean starts() {
            return this != STOP_ONLY;
        }

        boolean stops() {
            return this != START_ONLY;
        }
    }

    /**
     * Instances run on {@code days} from {@code start} to {@code stop}; a stop at or before the
     * start runs past midnight into the next day.
     */
    record Period(@JsonSerialize(contentUsing = ShortDayName.class) @JsonDeserialize(contentUsing = DayName.class)
                         Set<DayOfWeek> days,
                         @JsonSerialize(using = HourMinute.class) LocalTime start,
                         @JsonSerialize(using = HourMinute.class) LocalTime stop) {

        Period {
            // Monday first, as people and the API's own examples list them
            days = days.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(days));
        }

        boolean overnight() {
            return !stop.isAfter(start);
        }

        /** The days for people, Monday first, e.g. {@code Mon, Tue, Wed}. */
        public String daysText() {
            return days.stream().sorted().map(d -> d.getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH))
                    .collect(java.util.stream.Collectors.joining(", "));
        }
    }

    /**
     * The instances a schedule acts on: carrying every tag, within the accounts and regions (empty: all).
     */
    record Target(Map<String, String> tags, Set<String> accounts, Set<String> regions) {

        Target {
            tags = Map.copyOf(tags);
            accounts = accounts == null ? Set.of() : Set.copyOf(accounts);
            regions = regions == null ? Set.of() : Set.copyOf(regions);
        }

        /** Whether an instance in that account and region, carrying those tags, is one of these. */
        boolean covers(String accountId, String region, Map<String, String> instanceTags) {
            return (accounts.isEmpty() || accounts.contains(accountId)) && (regions.isEmpty() || regions.contains(region))
                    && tags.entrySet().stream().allMatch(t -> t.getValue().equals(instanceTags.get(t.getKey())));
        }
    }

    /** Whether instances should be running at {@code at}. */
    boolean running(Instant at) {
        ZonedDateTime local = at.atZone(timeZone);
        LocalDate today = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        for (Period period : periods) {
            if (!period.overnight()) {
                if (period.days().contains(today.getDayOfWeek()) && !holidays.contains(today)
                        && !time.isBefore(period.start()) && time.isBefore(period.stop())) {
                    return true;
                }
            } else {
                // the evening part belongs to today, the morning part to the day the period began
                LocalDate yesterday = today.minusDays(1);
                if (period.days().contains(today.getDayOfWeek()) && !holidays.contains(today)
                        && !time.isBefore(period.start())) {
                    return true;
                }
                if (period.days().contains(yesterday.getDayOfWeek()) && !holidays.contains(yesterday)
                        && time.isBefore(period.stop())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The transition at the minute that begins at {@code minute} (whole minutes, UTC): START when
     * instances should run from it on and did not the minute before, STOP the other way round.
     */
    Optional<Transition> transitionAt(Instant minute) {
        boolean now = running(minute);
        boolean before = running(minute.minus(1, ChronoUnit.MINUTES));
        if (now == before) {
            return Optional.empty();
        }
        Transition.Kind kind = now ? Transition.Kind.START : Transition.Kind.STOP;
        if ((kind == Transition.Kind.START && !mode.starts()) || (kind == Transition.Kind.STOP && !mode.stops())) {
            return Optional.empty();
        }
        return Optional.of(new Transition(kind, minute));
    }

    /** The next {@code count} transitions after {@code from}, looking at most {@code within} ahead. */
    List<Transition> nextTransitions(Instant from, int count, Duration within) {
        List<Transition> found = new ArrayList<>();
        Instant minute = from.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Instant end = from.plus(within);
        while (found.size() < count && minute.isBefore(end)) {
            transitionAt(minute).ifPresent(found::add);
            minute = minute.plus(1, ChronoUnit.MINUTES);
        }
        return found;
    }

    /**
     * A moment at which a schedule starts or stops its instances.
     *
     * @param kind   start or stop
     * @param minute the whole minute it happens at
     */
    record Transition(Kind kind, Instant minute) {

        enum Kind { START, STOP }
    }

    /** A day as the API takes it: {@code MON}, {@code TUE}, … */
    static final class ShortDayName extends ValueSerializer<DayOfWeek> {
        @Override
        public void serialize(DayOfWeek day, JsonGenerator generator, SerializationContext context) {
            generator.writeString(day.name().substring(0, 3));
        }
    }

    /** The day {@code text} names: its English name or the first three letters or more of it, in any case. */
    static Optional<DayOfWeek> dayNamed(String text) {
        String name = text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (name.length() >= 3 && day.name().startsWith(name)) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }

    /** A time as the API takes it: {@code 08:00} (schedules act on the minute; read back with or without seconds). */
    static final class HourMinute extends ValueSerializer<LocalTime> {
        @Override
        public void serialize(LocalTime time, JsonGenerator generator, SerializationContext context) {
            generator.writeString(String.format("%02d:%02d", time.getHour(), time.getMinute()));
        }
    }

    /** A day written {@code MON} or {@code MONDAY} (schedules stored before the short form read back). */
    static final class DayName extends ValueDeserializer<DayOfWeek> {
        @Override
        public DayOfWeek deserialize(JsonParser parser, DeserializationContext context) {
            String text = parser.getString();
            return dayNamed(text).orElseGet(() ->
                    (DayOfWeek) context.handleWeirdStringValue(DayOfWeek.class, text, "not a day of the week"));
        }
    }
}
