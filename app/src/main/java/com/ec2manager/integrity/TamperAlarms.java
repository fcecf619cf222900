package com.ec2manager.integrity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.ec2manager.action.AuditedActions;
import com.ec2manager.action.CallOutcome;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.stream.AuditChange;
import com.ec2manager.stream.ChangeListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises an alarm for every change of the audit table that the audit trail never makes (see
 * {@link TamperRules}): logged, counted as the metric {@code ec2manager.audit.tamper.alarms},
 * kept for the administrators' banner until one acknowledges it (an audited action), and told
 * to the notification targets.
 */
final class TamperAlarms implements ChangeListener {

    private static final Logger log = LoggerFactory.getLogger(TamperAlarms.class);
    private static final Duration CACHE = Duration.ofSeconds(5);

    private final TamperAlarmStore store;
    private final AuditedActions kernel;
    private final MeterRegistry meters;
    private final List<TamperAlarmListener> listeners;
    private final Clock clock;
    private volatile List<TamperAlarm> cached;
    private volatile Instant cachedAt = Instant.MIN;

    TamperAlarms(TamperAlarmStore store, AuditedActions kernel, MeterRegistry meters, List<TamperAlarmListener> listeners,
                 Clock clock) {
        this.store = store;
        this.kernel = kernel;
        this.meters = meters;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Void> onChange(AuditChange change) {
        return TamperRules.judge(change).map(tamper -> raise(tamper, change)).orElse(DONE);
    }

    private CompletableFuture<Void> raise(Tamper tamper, AuditChange change) {
        String id = UUID.nameUUIDFromBytes((change.itemKey() + "@" + change.sequenceNumber())
                .getBytes(StandardCharsets.UTF_8)).toString();
        TamperAlarm alarm = new TamperAlarm(id, tamper.kind(), tamper.itemKey(), tamper.description(), clock.instant());
        // a replay after a crash finds the alarm raised already; it is passed on again all the same,
        // since the crash may have come before its notifications were out (they carry the alarm's id)
        if (!store.exists(id)) {
            log.warn("TAMPER ALARM {}: audit record {} {}", id, alarm.itemKey(), alarm.description());
            meters.counter("ec2manager.audit.tamper.alarms", "kind", tamper.kind().name()).increment();
            store.raise(alarm);
            cached = null;
        }
        List<CompletableFuture<Void>> passedOn = new ArrayList<>();
        for (TamperAlarmListener listener : listeners) {
            passedOn.add(listener.raised(alarm));
        }
        return CompletableFuture.allOf(passedOn.toArray(CompletableFuture[]::new));
    }

    /** The alarms not yet acknowledged (read again at most every few seconds). */
    List<TamperAlarm> open() {
        List<TamperAlarm> current = cached;
        Instant now = clock.instant();
        if (current == null || Duration.between(cachedAt, now).compareTo(CACHE) > 0) {
            current = store.open();
            cached = current;
            cachedAt = now;
        }
        return current;
    }

    /**
     * Acknowledges an open alarm through the audited-action kernel: administrators only (a refusal
     * is recorded DENIED), the acknowledgement recorded like any action; empty when there is no
     * such open alarm.
     */
    Optional<TamperAlarm> acknowledge(String id, boolean admin, AuditActor actor, String requestId) {
        Optional<TamperAlarm> open = store.open().stream().filter(a -> a.id().equals(id)).findFirst();
        AuditIntent intent = new AuditIntent(actor, AuditAction.ACKNOWLEDGE_TAMPER_ALARM, ResourceType.AUDIT_RECORD,
                open.map(TamperAlarm::itemKey).orElse(id),
                // the alarm's id, for the judge should the acknowledgement's write not answer
                new AuditDetails(null, null, null, null, Map.of(TamperAlarmPendingJudge.ALARM_ID, id)), requestId);
        kernel.authorize(admin, "only administrators may acknowledge tamper alarms", intent, List.of(id));
        if (open.isEmpty()) {
            return open;
        }
        TamperAlarm alarm = open.get();
        AuditedActions.answer(kernel.perform(intent, () -> {
            store.acknowledge(id, actor.email(), clock.instant());
            return new CallOutcome.Done<>(alarm, "acknowledged", null);
        }));
        cached = null;
        log.info("tamper alarm {} acknowledged by {}", id, actor.email());
        return open;
    }
}
