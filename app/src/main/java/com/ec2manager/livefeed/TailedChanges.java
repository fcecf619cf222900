package com.ec2manager.livefeed;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A count of the audit table's changes this instance's tail of the stream has seen, moved also
 * each time the tail starts over (after a failure it resumes at the newest record, so it may have
 * missed some). Whoever keeps what it read from the table compares the count to tell that the
 * table may have changed since, whichever instance changed it.
 */
public final class TailedChanges {

    private final AtomicLong count = new AtomicLong();

    /** Grows with every change seen; stays put while nothing changes (or while no tail runs). */
    public long count() {
        return count.get();
    }

    void saw() {
        count.incrementAndGet();
    }
}
