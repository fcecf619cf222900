package com.ec2manager.schedules;

import java.time.Instant;

/**
 * A person's exception to a schedule for one instance: keep it running (or stopped) until a
 * time, after which the schedule applies again by itself.
 *
 * @param scheduleId the schedule it overrides
 * @param instanceId the instance
 * @param keep       {@code RUNNING}: the schedule does not stop it; {@code STOPPED}: does not start it
 * @param until      when it ends
 * @param by         who set it (e-mail)
 * @param at         when
 */
public record ScheduleOverride(String scheduleId, String instanceId, Keep keep, Instant until, String by, Instant at) {

    enum Keep { RUNNING, STOPPED }

    boolean activeAt(Instant now) {
        return now.isBefore(until);
    }
}
