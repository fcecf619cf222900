package com.ec2manager.schedules;

import java.time.Instant;
import java.util.List;

/**
 * What a schedule does now and next.
 *
 * @param schedule        the schedule
 * @param runningNow      whether its instances should be running now
 * @param nextTransitions its next transitions (up to three, within eight days)
 * @param upcoming        the same transitions with the instances each would act on, as things stand now
 * @param targets         the instances it targets now
 * @param savedHours      instance-hours its stops saved over the last 30 days, from the audit trail
 */
public record SchedulePreview(Schedule schedule, boolean runningNow, List<Schedule.Transition> nextTransitions,
                              List<Upcoming> upcoming, List<Target> targets, double savedHours) {

    public SchedulePreview {
        nextTransitions = List.copyOf(nextTransitions);
        upcoming = List.copyOf(upcoming);
        targets = List.copyOf(targets);
    }

    /**
     * One targeted instance.
     *
     * @param override        {@code RUNNING} or {@code STOPPED} while an override holds it, else null
     * @param outOfSchedule   its state is not what the schedule (or its override) wants now, e.g. someone
     *                        started it while the schedule keeps it stopped
     * @param startedOutside  it runs while the schedule keeps it stopped, without an override: a person started it
     * @param startedBy       for such an instance, who started it last (e-mail, from the audit trail), when known
     * @param startedAt       and when
     */
    record Target(String instanceId, String name, String accountId, String region, String state,
                         String override, boolean outOfSchedule, boolean startedOutside, String startedBy,
                         Instant startedAt) {
    }

    /**
     * A coming transition and the instances it would act on: those in the state it leaves, except those
     * an override still holds then.
     */
    record Upcoming(Schedule.Transition.Kind kind, Instant minute, List<String> instanceIds) {

        Upcoming {
            instanceIds = List.copyOf(instanceIds);
        }
    }

    /** The instances running while the schedule keeps them stopped (and no override lets them). */
    public List<Target> startedOutsideSchedule() {
        return targets.stream().filter(Target::startedOutside).toList();
    }
}
