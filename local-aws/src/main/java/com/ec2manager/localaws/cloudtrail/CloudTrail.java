package com.ec2manager.localaws.cloudtrail;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The CloudTrail stand-in's event history: every state-changing call the emulators record, kept
 * for {@link #RETENTION} (CloudTrail's event history keeps 90 days), newest first on lookup.
 */
public final class CloudTrail {

    static final Duration RETENTION = Duration.ofDays(90);

    private final Clock clock;
    private final List<TrailEvent> events = new ArrayList<>();

    public CloudTrail(Clock clock) {
        this.clock = clock;
    }

    public synchronized void record(TrailEvent event) {
        events.add(event);
        var oldest = clock.instant().minus(RETENTION);
        events.removeIf(old -> old.eventTime().isBefore(oldest));
    }

    /** The events that pass {@code filter}, newest first. */
    public synchronized List<TrailEvent> events(Predicate<TrailEvent> filter) {
        List<TrailEvent> found = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            if (filter.test(events.get(i))) {
                found.add(events.get(i));
            }
        }
        return found;
    }
}
