package com.ec2manager.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SchedulePeriodJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aPeriodIsWrittenAsTheApiTakesItMondayFirstWithHoursAndMinutes() {
        Schedule.Period period = new Schedule.Period(Set.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY),
                LocalTime.of(8, 0), LocalTime.of(19, 30));

        assertThat(JSON.writeValueAsString(period))
                .isEqualTo("{\"days\":[\"MON\",\"TUE\",\"FRI\"],\"start\":\"08:00\",\"stop\":\"19:30\"}");
    }

    @Test
    void aPeriodReadsBackFromItsOwnFormAndFromTheLongDayNamesStoredBefore() {
        Schedule.Period expected = new Schedule.Period(Set.of(DayOfWeek.MONDAY, DayOfWeek.SUNDAY),
                LocalTime.of(8, 0), LocalTime.of(19, 0));

        assertThat(JSON.readValue("{\"days\":[\"MON\",\"SUN\"],\"start\":\"08:00\",\"stop\":\"19:00\"}",
                Schedule.Period.class)).isEqualTo(expected);
        assertThat(JSON.readValue("{\"days\":[\"SUNDAY\",\"MONDAY\"],\"start\":\"08:00:00\",\"stop\":\"19:00:00\"}",
                Schedule.Period.class)).isEqualTo(expected);
    }
}
