package com.ec2manager.action;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.ec2manager.audit.AuditAlreadyCompletedException;
import com.ec2manager.audit.AuditKey;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one reconciler: settles audit records left PENDING — the service did not answer, or the
 * application stopped between the call and the completion — with what the owning feature's
 * {@link PendingJudge} infers from the resource's state, and records whose callers were told
 * "nothing was done" as not performed.
 *
 * <p>A pass reads only what it needs: the records written since the previous pass (up to the
 * grace period before now — younger ones may still be completed by their own request) and the
 * records an earlier pass found PENDING and could not settle yet, both kept in a shared
 * {@link ReconcilerCheckpoint}. It never re-reads the retention window: every record is read once
 * by the range queries, and again only while it stays in flight. Completion is conditional (from
 * PENDING), so two nodes reconciling at once settle each record once.
 */
public class PendingReconciler {

    private static final Logger log = LoggerFactory.getLogger(PendingReconciler.class);
    /** BatchGetItem's limit. */
    private static final int BATCH = 100;

    private final AuditTrail audit;
    private final List<PendingJudge> judges;
    private final AbandonedRecords abandoned;
    private final ReconcilerCheckpoint checkpoint;
    private final ReconcilerProperties properties;
    private final Clock clock;

    public PendingReconciler(AuditTrail audit, List<PendingJudge> judges, AbandonedRecords abandoned,
                      ReconcilerCheckpoint checkpoint, ReconcilerProperties properties, Clock clock) {
        this.audit = audit;
        this.judges = List.copyOf(judges);
        this.abandoned = abandoned;
        this.checkpoint = checkpoint;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * What one pass did.
     *
     * @param settled   records it completed (inferred, or not performed)
     * @param inFlight  records still PENDING after it (too young to judge is not counted: they were not read)
     * @param itemsRead audit items DynamoDB read for it: the range queries' scanned items plus the in-flight re-reads
     */
    public record Pass(int settled, int inFlight, long itemsRead) {
    }

    /** One pass; never throws, so that the timer keeps running. */
    public Pass reconcile() {
        try {
            return pass();
        } catch (RuntimeException e) {
            log.warn("reconciler pass failed, the next one tries again: {}", e.toString());
            return new Pass(0, -1, 0);
        }
    }

    private Pass pass() {
        Instant now = clock.instant();
        int settled = abandoned.settle(audit);
        Optional<ReconcilerCheckpoint.State> saved = checkpoint.load();
        Instant upTo = now.minus(properties.grace());
        Instant from = saved.map(state -> com.ec2manager.audit.AuditTimestamps.parse(state.readUpTo()))
                .orElse(now.minus(properties.initialLookback()));
        Map<AuditKey, AuditRecord> candidates = new LinkedHashMap<>();
        long read = 0;
        List<AuditKey> inFlight = new ArrayList<>(saved.map(ReconcilerCheckpoint.State::inFlight).orElse(Set.of()));
        for (int i = 0; i < inFlight.size(); i += BATCH) {
            List<AuditKey> batch = inFlight.subList(i, Math.min(inFlight.size(), i + BATCH));
            read += batch.size();
            audit.readAll(batch).stream().filter(r -> !r.outcome().isFinal()).forEach(r -> candidates.put(r.key(), r));
        }
        if (from.isBefore(upTo)) {
            AuditTrail.PendingScan scan = audit.findPendingBetween(from, upTo);
            read += scan.itemsRead();
            scan.records().forEach(r -> candidates.put(r.key(), r));
        }
        Set<AuditKey> stillInFlight = new LinkedHashSet<>();
        for (AuditRecord record : candidates.values()) {
            if (abandoned.contains(record.key())) {
                stillInFlight.add(record.key()); // settled as not performed once DynamoDB answers, never judged
                continue;
            }
            Optional<PendingJudge> judge = judges.stream().filter(j -> j.owns(record)).findFirst();
            if (judge.isEmpty()) {
                // kept in flight, not dropped: a record read once by the range query would never be read again
                stillInFlight.add(record.key());
                log.error("no feature judges PENDING {} of {} ({}); it stays in flight", record.action(),
                        record.resourceId(), record.key());
                continue;
            }
            try {
                AuditResult result = judge.get().judge(record);
                audit.complete(record.key(), result);
                settled++;
                log.info("reconciler: {} of {} at {} settled as {} ({})", record.action(), record.resourceId(),
                        record.timestamp(), result.outcome(), result.inference() != null ? result.inference() : result.errorCode());
            } catch (AuditAlreadyCompletedException e) {
                log.debug("reconciler: {} was settled meanwhile", record.key());
            } catch (RuntimeException e) {
                stillInFlight.add(record.key());
                log.warn("reconciler: {} of {} left PENDING for now: {}", record.action(), record.resourceId(), e.toString());
            }
        }
        String mark = com.ec2manager.audit.AuditTimestamps.format(from.isAfter(upTo) ? from : upTo);
        checkpoint.save(saved.orElse(null), mark, stillInFlight, now.plus(properties.initialLookback()));
        return new Pass(settled, stillInFlight.size(), read);
    }

    /**
     * Refuses a grace period that is not longer than the slowest call: a record is judged only once
     * no request can still be completing it.
     */
    static void checkGrace(Duration grace, Duration slowestCall) {
        if (grace.compareTo(slowestCall) <= 0) {
            throw new IllegalStateException("ec2manager.audit.reconciler.grace (" + grace + ") must be longer than the "
                    + "slowest call's timeout (" + slowestCall + "): a record would be judged while its request may "
                    + "still complete it");
        }
    }
}
