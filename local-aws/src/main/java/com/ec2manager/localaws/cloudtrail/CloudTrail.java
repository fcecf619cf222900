package com.ec2manager.localaws.cloudtrail;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The CloudTrail stand-in's event history: every state-changing call the emulators record, kept
 * for {@link #RETENTION} (CloudTrail's event history keeps 90 days), newest first on lookup; at
 * most the newest {@link #MAX_EVENTS}, so that a long-running local stack does not grow without end.
 */
public final class CloudTrail {

    static final Duration RETENTION = Duration.ofDays(90);
    static final int MAX_EVENTS = 100_000;

    private final Clock clock;
    private final ArrayDeque<TrailEvent> events = new ArrayDeque<>();

    public CloudTrail(Clock clock) {
        this.clock = clock;
    }

    public synchronized void record(TrailEvent event) {
        events.addLast(event);
        var oldest = clock.instant().minus(RETENTION);
        // events arrive in time order: the expired and the surplus are at the head
        while (!events.isEmpty() && (events.size() > MAX_EVENTS || events.peekFirst().eventTime().isBefore(oldest))) {
            events.pollFirst();
        }
    }

    /** The events that pass {@code filter}, newest first. */
    public synchronized List<TrailEvent> events(Predicate<TrailEvent> filter) {
        List<TrailEvent> found = new ArrayList<>();
        for (var newestFirst = events.descendingIterator(); newestFirst.hasNext(); ) {
            TrailEvent event = newestFirst.next();
            if (filter.test(event)) {
                found.add(event);
            }
        }
        return found;
    }
}
