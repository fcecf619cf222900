package com.ec2manager.schedules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.ec2manager.instances.ActionNotices;
import com.ec2manager.instances.Instance;
import com.ec2manager.instances.InstanceAction;

/**
 * A person who starts an instance that a schedule keeps stopped now (and no override lets run) is
 * told so: the start goes ahead, and the answer says when the schedule stops the instance again.
 * The schedule's page lists such instances as started outside the schedule.
 */
class StartsOutsideSchedule implements ActionNotices {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final ScheduleStore store;
    private final Clock clock;

    StartsOutsideSchedule(ScheduleStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Map<String, String> about(InstanceAction action, List<Instance> instances) {
        if (action != InstanceAction.START) {
            return Map.of();
        }
        Instant now = clock.instant();
        List<Schedule> keepingStopped = store.schedules().all().stream()
                .filter(s -> s.mode().stops() && !s.running(now)).toList();
        if (keepingStopped.isEmpty()) {
            return Map.of();
        }
        List<ScheduleOverride> overrides = store.overrides().all().stream().filter(o -> o.activeAt(now)).toList();
        Map<String, String> notices = new LinkedHashMap<>();
        for (Instance instance : instances) {
            for (Schedule schedule : keepingStopped) {
                boolean overridden = overrides.stream().anyMatch(o -> o.scheduleId().equals(schedule.id())
                        && o.instanceId().equals(instance.id()));
                if (!overridden && schedule.target().covers(instance.accountId(), instance.region(), instance.tags())) {
                    notices.put(instance.id(), notice(schedule, instance, now));
                    break;
                }
            }
        }
        return notices;
    }

    private static String notice(Schedule schedule, Instance instance, Instant now) {
        String stopsAgain = schedule.nextTransitions(now, 3, Duration.ofDays(8)).stream()
                .filter(t -> t.kind() == Schedule.Transition.Kind.STOP).findFirst()
                .map(t -> "stops it again at " + LOCAL.format(t.minute().atZone(schedule.timeZone())) + " ("
                        + schedule.timeZone().getId() + ")")
                .orElse("stops it again at its next stop");
        return "The schedule " + schedule.name() + " keeps " + instance.id() + " stopped now. It was started anyway; "
                + "the schedule " + stopsAgain + " unless an override on the schedule's page keeps it running.";
    }
}
