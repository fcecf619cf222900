package com.ec2manager.schedules;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.util.MultiValueMap;

/**
 * The schedule form of the console as it shows and sends it: periods as rows of day check boxes
 * and times ({@code p0.days}, {@code p0.start}, {@code p0.stop}, …), holidays, accounts and regions
 * separated by commas or spaces, tags one {@code Key=Value} per line. What a person typed comes back
 * unchanged when the schedule is refused, so that the page can show it again.
 */
public record ScheduleEditorForm(String name, String timeZone, List<Row> periods, String holidays, String mode,
                          boolean hibernate, String tags, String accounts, String regions) {

    /** Rows the page offers: enough for a weekday and a weekend period and a spare. */
    static final int MIN_ROWS = 3;
    static final int MAX_ROWS = 20;
    public static final List<String> DAYS = Arrays.stream(DayOfWeek.values()).map(d -> d.name().substring(0, 3)).toList();

    public ScheduleEditorForm {
        periods = List.copyOf(periods);
    }

    /** One period as the page shows it: the days ticked and the two times. */
    record Row(List<String> days, String start, String stop) {

        Row {
            days = List.copyOf(days);
        }

        public boolean has(String day) {
            return days.contains(day);
        }

        boolean blank() {
            return days.isEmpty() && isBlank(start) && isBlank(stop);
        }
    }

    /** A new schedule: office hours on weekdays. */
    static ScheduleEditorForm blank() {
        return new ScheduleEditorForm("", "UTC", padded(List.of(new Row(DAYS.subList(0, 5), "08:00", "19:00"))), "",
                Schedule.Mode.STOP_AND_START.name(), false, "", "", "");
    }

    /** A saved schedule, to edit. */
    static ScheduleEditorForm of(Schedule schedule) {
        List<Row> rows = schedule.periods().stream().map(p -> new Row(DAYS.stream()
                .filter(d -> p.days().stream().anyMatch(day -> day.name().startsWith(d))).toList(),
                p.start().toString(), p.stop().toString())).toList();
        return new ScheduleEditorForm(schedule.name(), schedule.timeZone().getId(), padded(rows),
                schedule.holidays().stream().sorted().map(Object::toString).collect(Collectors.joining("\n")),
                schedule.mode().name(), schedule.hibernate(),
                schedule.target().tags().entrySet().stream().map(t -> t.getKey() + "=" + t.getValue())
                        .collect(Collectors.joining("\n")),
                String.join(", ", schedule.target().accounts().stream().sorted().toList()),
                String.join(", ", schedule.target().regions().stream().sorted().toList()));
    }

    /** What the page's form sent. */
    static ScheduleEditorForm of(MultiValueMap<String, String> sent) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < MAX_ROWS && (sent.containsKey("p" + i + ".start") || sent.containsKey("p" + i + ".days")); i++) {
            List<String> days = sent.getOrDefault("p" + i + ".days", List.of()).stream()
                    .filter(DAYS::contains).distinct().toList();
            rows.add(new Row(days, one(sent, "p" + i + ".start"), one(sent, "p" + i + ".stop")));
        }
        // the rows stay as sent (a failure's row number points into them)
        while (rows.size() < MIN_ROWS) {
            rows.add(new Row(List.of(), "", ""));
        }
        return new ScheduleEditorForm(one(sent, "name"), one(sent, "timeZone"), rows, one(sent, "holidays"),
                one(sent, "mode"), "true".equals(sent.getFirst("hibernate")), one(sent, "tags"),
                one(sent, "accounts"), one(sent, "regions"));
    }

    /** The API's form of the filled rows; {@link #rowOf} tells which row a failure's period index is. */
    ScheduleForm toScheduleForm() {
        Map<String, String> tagValues = new LinkedHashMap<>();
        for (String line : tags.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw ScheduleFailure.invalid("target.tags", "one Key=Value per line, not '" + line.strip() + "'");
            }
            tagValues.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        List<ScheduleForm.PeriodForm> filled = periods.stream().filter(r -> !r.blank())
                .map(r -> new ScheduleForm.PeriodForm(r.days(), r.start(), r.stop())).toList();
        return new ScheduleForm(name, timeZone, filled, words(holidays), mode, hibernate,
                new ScheduleForm.TargetForm(tagValues, words(accounts), words(regions)));
    }

    /**
     * The page's name of a failing field: {@code periods[1].start} of the API's form is the second
     * filled row, e.g. {@code p2.start} when the row before it was left empty.
     */
    String pageField(String field) {
        if (field == null || !field.startsWith("periods[")) {
            return field;
        }
        int close = field.indexOf(']');
        int index = Integer.parseInt(field.substring("periods[".length(), close));
        return "p" + rowOf(index) + field.substring(close + 1);
    }

    private int rowOf(int filledIndex) {
        int seen = -1;
        for (int row = 0; row < periods.size(); row++) {
            if (!periods.get(row).blank() && ++seen == filledIndex) {
                return row;
            }
        }
        return 0;
    }

    /** A day's full name for the page, e.g. Monday for MON. */
    static String dayName(String day) {
        return DayOfWeek.values()[DAYS.indexOf(day)].getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    private static List<Row> padded(List<Row> rows) {
        List<Row> all = new ArrayList<>(rows.stream().filter(r -> !r.blank()).toList());
        all.add(new Row(List.of(), "", ""));
        while (all.size() < MIN_ROWS) {
            all.add(new Row(List.of(), "", ""));
        }
        return all.subList(0, Math.min(all.size(), MAX_ROWS));
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("[,\\s]+")).filter(w -> !w.isBlank()).toList();
    }

    private static String one(MultiValueMap<String, String> sent, String name) {
        String value = sent.getFirst(name);
        return value == null ? "" : value;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
