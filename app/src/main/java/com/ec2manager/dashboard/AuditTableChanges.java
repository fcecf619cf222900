package com.ec2manager.dashboard;

import com.ec2manager.audit.AuditTrail;
import com.ec2manager.livefeed.TailedChanges;
import org.springframework.stereotype.Component;

/**
 * Whether the audit table may have changed since a moment: this instance's own writes
 * ({@link AuditTrail#writeCount()}) and every change the stream's tail saw ({@link TailedChanges},
 * the other instances' writes among them). What the dashboard keeps of the table stays true while
 * neither moved.
 */
@Component
class AuditTableChanges {

    private final AuditTrail audit;
    private final TailedChanges tailed;

    AuditTableChanges(AuditTrail audit, TailedChanges tailed) {
        this.audit = audit;
        this.tailed = tailed;
    }

    /** Where both counts stand. */
    record Mark(long writes, long tailed) {
    }

    /** The counts now; take it before reading, so that a change during the read shows as one. */
    Mark mark() {
        return new Mark(audit.writeCount(), tailed.count());
    }

    /** True when the table may have changed since {@code mark} was taken. */
    boolean since(Mark mark) {
        return !mark().equals(mark);
    }
}
