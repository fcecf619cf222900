package com.ec2manager.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditTrail;
import org.springframework.stereotype.Component;

/**
 * The dashboard's two audit panels — the newest records, and those that failed, were denied or
 * are still PENDING — as last read, kept until the audit table changes ({@link AuditTableChanges}:
 * this instance's own writes and every change the stream's tail sees). Views in between read
 * nothing from DynamoDB (a read is one merged Query over the 12 actions per panel).
 * {@code auditPanelsMaxAge} bounds how old they get should the tail miss changes (switched off,
 * or starting over).
 */
@Component
class AuditPanels {

    static final int RECENT = 10;
    static final int ATTENTION = 10;
    /** How far back the attention panel looks. */
    static final Duration ATTENTION_WINDOW = Duration.ofDays(7);
    static final Set<AuditOutcome> NEEDS_ATTENTION = EnumSet.of(AuditOutcome.FAILED, AuditOutcome.DENIED,
            AuditOutcome.PENDING);

    private final AuditTrail audit;
    private final AuditTableChanges changes;
    private final Clock clock;
    private final Duration maxAge;
    private volatile Panels last;

    AuditPanels(AuditTrail audit, AuditTableChanges changes, Clock clock, DashboardProperties properties) {
        this.audit = audit;
        this.changes = changes;
        this.clock = clock;
        this.maxAge = properties.auditPanelsMaxAge();
    }

    /**
     * The panels' records and when they were read.
     *
     * @param readWhen where the table's change counts stood when they were read
     */
    record Panels(List<AuditRecord> recent, List<AuditRecord> attention, Instant readAt, AuditTableChanges.Mark readWhen) {
    }

    /**
     * The panels as the table holds them now: from memory when nothing changed since the last read.
     *
     * @throws com.ec2manager.failure.ApplicationException when the audit trail cannot be read
     */
    Panels current() {
        Panels kept = last;
        if (stillTrue(kept)) {
            return kept;
        }
        synchronized (this) {
            kept = last;
            if (stillTrue(kept)) {
                return kept; // another view read them meanwhile
            }
            // the counts first: a change during the reads moves them, and the next view reads again
            AuditTableChanges.Mark mark = changes.mark();
            Instant now = clock.instant();
            List<AuditRecord> recent = audit.query(AuditQuery.all().withLimit(RECENT)).records();
            List<AuditRecord> attention = audit.query(AuditQuery.all().between(now.minus(ATTENTION_WINDOW), null)
                    .withOutcomes(NEEDS_ATTENTION).withLimit(ATTENTION)).records();
            Panels read = new Panels(List.copyOf(recent), List.copyOf(attention), now, mark);
            last = read;
            return read;
        }
    }

    private boolean stillTrue(Panels panels) {
        if (panels == null || changes.since(panels.readWhen())) {
            return false;
        }
        Instant now = clock.instant();
        return !now.isBefore(panels.readAt()) && now.isBefore(panels.readAt().plus(maxAge));
    }
}
