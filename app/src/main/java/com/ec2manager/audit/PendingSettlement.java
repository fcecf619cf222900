package com.ec2manager.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over audit records left PENDING, the loop every reconciler shares: reads the records
 * whose intent lies between {@code lookback} and {@code grace} before now (older than the grace
 * period, so that it never races a request still in flight), settles each one the reconciler owns
 * with the result its judge gives, and leaves a record PENDING for a later pass when judging or
 * completing it fails. Completion is conditional (from PENDING), so a record another node settled
 * meanwhile is passed over quietly.
 */
public final class PendingSettlement {

    private static final Logger log = LoggerFactory.getLogger(PendingSettlement.class);

    /**
     * What one pass did.
     *
     * @param settled how many records it completed
     * @param skipped how many it left PENDING for a later pass (the judge could not tell)
     */
    public record Pass(int settled, int skipped) {
    }

    private PendingSettlement() {
    }

    /**
     * One pass; never throws, so that a timer keeps running.
     *
     * @param name  the reconciler, in log lines
     * @param owns  which PENDING records are this reconciler's
     * @param judge the result a record must get from the resource's state now; throws when that
     *              cannot be known yet
     */
    public static Pass run(AuditTrail audit, Instant now, Duration lookback, Duration grace, String name,
                           Predicate<AuditRecord> owns, Function<AuditRecord, AuditResult> judge) {
        List<AuditRecord> pending;
        try {
            pending = audit.findPending(now.minus(lookback), now.minus(grace));
        } catch (RuntimeException e) {
            log.warn("{}: could not read PENDING records: {}", name, e.toString());
            return new Pass(0, 0);
        }
        int settled = 0;
        int skipped = 0;
        for (AuditRecord record : pending) {
            if (!owns.test(record)) {
                continue;
            }
            try {
                AuditResult result = judge.apply(record);
                audit.complete(record.key(), result);
                settled++;
                log.info("{}: {} of {} at {} settled as {} ({})", name, record.action(), record.resourceId(),
                        record.timestamp(), result.outcome(),
                        result.newState() != null ? result.newState() : result.errorCode());
            } catch (AuditAlreadyCompletedException e) {
                log.debug("{}: {} was settled meanwhile", name, record.key());
            } catch (RuntimeException e) {
                skipped++;
                log.warn("{}: {} of {} left PENDING for now: {}", name, record.action(), record.resourceId(),
                        e.toString());
            }
        }
        return new Pass(settled, skipped);
    }
}
