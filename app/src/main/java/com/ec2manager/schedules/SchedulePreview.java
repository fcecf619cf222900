package com.ec2manager.schedules;

import java.util.List;

/**
 * What a schedule does now and next.
 *
 * @param schedule        the schedule
 * @param runningNow      whether its instances should be running now
 * @param nextTransitions its next transitions (up to three, within eight days)
 * @param targets         the instances it targets now
 * @param savedHours      instance-hours its stops saved over the last 30 days, from the audit trail
 */
public record SchedulePreview(Schedule schedule, boolean runningNow, List<Schedule.Transition> nextTransitions,
                              List<Target> targets, double savedHours) {

    public SchedulePreview {
        nextTransitions = List.copyOf(nextTransitions);
        targets = List.copyOf(targets);
    }

    /**
     * One targeted instance.
     *
     * @param override       {@code RUNNING} or {@code STOPPED} while an override holds it, else null
     * @param outOfSchedule  its state is not what the schedule (or its override) wants now, e.g. someone
     *                       started it while the schedule keeps it stopped
     */
    public record Target(String instanceId, String name, String accountId, String region, String state,
                         String override, boolean outOfSchedule) {
    }
}
