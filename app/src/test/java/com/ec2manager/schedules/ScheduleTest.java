package com.ec2manager.schedules;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleTest {

    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    private static Schedule officeHours(Schedule.Mode mode, Set<LocalDate> holidays, Schedule.Period... periods) {
        return new Schedule("id", "office-hours", ZoneId.of("Europe/Berlin"), List.of(periods), holidays, mode, false,
                new Schedule.Target(Map.of("Schedule", "office-hours"), Set.of(), Set.of()), Instant.EPOCH, "a@example.com");
    }

    private static Schedule.Period weekdays(String start, String stop) {
        return new Schedule.Period(WEEKDAYS, LocalTime.parse(start), LocalTime.parse(stop));
    }

    @Test
    void transitionsFollowBerlinsClockAcrossTheSpringDaylightSavingChange() {
        Schedule schedule = officeHours(Schedule.Mode.STOP_AND_START, Set.of(), weekdays("08:00", "19:00"));
        // Friday 27 March 2026 is still CET (UTC+1); Monday 30 March is CEST (UTC+2)
        var next = schedule.nextTransitions(Instant.parse("2026-03-27T12:00:00Z"), 2, Duration.ofDays(8));

        assertThat(next).containsExactly(
                new Schedule.Transition(Schedule.Transition.Kind.STOP, Instant.parse("2026-03-27T18:00:00Z")),
                new Schedule.Transition(Schedule.Transition.Kind.START, Instant.parse("2026-03-30T06:00:00Z")));
    }

    @Test
    void transitionsFollowBerlinsClockAcrossTheAutumnDaylightSavingChange() {
        Schedule schedule = officeHours(Schedule.Mode.STOP_AND_START, Set.of(), weekdays("08:00", "19:00"));
        // Friday 23 October 2026 is CEST; Monday 26 October is CET after the last Sunday of October
        var next = schedule.nextTransitions(Instant.parse("2026-10-23T12:00:00Z"), 2, Duration.ofDays(8));

        assertThat(next).containsExactly(
                new Schedule.Transition(Schedule.Transition.Kind.STOP, Instant.parse("2026-10-23T17:00:00Z")),
                new Schedule.Transition(Schedule.Transition.Kind.START, Instant.parse("2026-10-26T07:00:00Z")));
    }

    @Test
    void onAHolidayNothingStartsAndTheNextStartIsTheFollowingWorkingDay() {
        Schedule schedule = officeHours(Schedule.Mode.STOP_AND_START, Set.of(LocalDate.parse("2026-12-24"),
                LocalDate.parse("2026-12-25")), weekdays("08:00", "19:00"));
        var next = schedule.nextTransitions(Instant.parse("2026-12-23T12:00:00Z"), 2, Duration.ofDays(8));

        assertThat(next).containsExactly(
                new Schedule.Transition(Schedule.Transition.Kind.STOP, Instant.parse("2026-12-23T18:00:00Z")),
                new Schedule.Transition(Schedule.Transition.Kind.START, Instant.parse("2026-12-28T07:00:00Z")));
        assertThat(schedule.running(Instant.parse("2026-12-24T10:00:00Z"))).isFalse();
        assertThat(schedule.running(Instant.parse("2026-12-28T10:00:00Z"))).isTrue();
    }

    @Test
    void aPeriodPastMidnightRunsIntoTheNextMorningAndAStopOnlyScheduleNeverStarts() {
        Schedule night = officeHours(Schedule.Mode.STOP_AND_START, Set.of(),
                new Schedule.Period(EnumSet.of(DayOfWeek.MONDAY), LocalTime.parse("22:00"), LocalTime.parse("02:00")));
        assertThat(night.running(Instant.parse("2026-11-30T21:30:00Z"))).as("Monday 22:30 in Berlin").isTrue();
        assertThat(night.running(Instant.parse("2026-12-01T00:30:00Z"))).as("Tuesday 01:30").isTrue();
        assertThat(night.running(Instant.parse("2026-12-01T01:30:00Z"))).as("Tuesday 02:30").isFalse();
        assertThat(night.running(Instant.parse("2026-11-30T20:30:00Z"))).as("Monday 21:30").isFalse();

        Schedule stopOnly = officeHours(Schedule.Mode.STOP_ONLY, Set.of(), weekdays("08:00", "19:00"));
        assertThat(stopOnly.nextTransitions(Instant.parse("2026-03-27T12:00:00Z"), 3, Duration.ofDays(8)))
                .extracting(Schedule.Transition::kind).containsOnly(Schedule.Transition.Kind.STOP).hasSize(3);
    }
}
