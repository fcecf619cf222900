package com.ec2manager.integrity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
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
public final class TamperAlarms implements ChangeListener {

    private static final Logger log = LoggerFactory.getLogger(TamperAlarms.class);
    private static final Duration CACHE = Duration.ofSeconds(5);

    private final TamperAlarmStore store;
    private final AuditTrail trail;
    private final MeterRegistry meters;
    private final List<TamperAlarmListener> listeners;
    private final Clock clock;
    private volatile List<TamperAlarm> cached;
    private volatile Instant cachedAt = Instant.MIN;

    TamperAlarms(TamperAlarmStore store, AuditTrail trail, MeterRegistry meters, List<TamperAlarmListener> listeners,
                 Clock clock) {
        this.store = store;
        this.trail = trail;
        this.meters = meters;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    @Override
    public void onChange(AuditChange change) {
        TamperRules.judge(change).ifPresent(tamper -> raise(tamper, change));
    }

    private void raise(Tamper tamper, AuditChange change) {
        String id = UUID.nameUUIDFromBytes((change.itemKey() + "@" + change.sequenceNumber())
                .getBytes(StandardCharsets.UTF_8)).toString();
        if (store.exists(id)) {
            return; // a replay after a crash: raised already
        }
        TamperAlarm alarm = new TamperAlarm(id, tamper.kind(), tamper.itemKey(), tamper.description(), clock.instant());
        log.warn("TAMPER ALARM {}: audit record {} {}", id, alarm.itemKey(), alarm.description());
        meters.counter("ec2manager.audit.tamper.alarms", "kind", tamper.kind().name()).increment();
        store.raise(alarm);
        cached = null;
        for (TamperAlarmListener listener : listeners) {
            try {
                listener.raised(alarm);
            } catch (RuntimeException e) {
                log.error("tamper alarm {} could not be passed on", id, e);
            }
        }
    }

    /** The alarms not yet acknowledged (read again at most every few seconds). */
    public List<TamperAlarm> open() {
        List<TamperAlarm> current = cached;
        Instant now = clock.instant();
        if (current == null || Duration.between(cachedAt, now).compareTo(CACHE) > 0) {
            current = store.open();
            cached = current;
            cachedAt = now;
        }
        return current;
    }

    /** Acknowledges an open alarm, as an audited action of {@code actor}; empty when there is no such open alarm. */
    public Optional<TamperAlarm> acknowledge(String id, AuditActor actor, String requestId) {
        Optional<TamperAlarm> alarm = store.open().stream().filter(a -> a.id().equals(id)).findFirst();
        if (alarm.isEmpty()) {
            return alarm;
        }
        AuditRecord record = trail.begin(new AuditIntent(actor, AuditAction.ACKNOWLEDGE_TAMPER_ALARM,
                ResourceType.AUDIT_RECORD, alarm.get().itemKey(), null, requestId));
        store.acknowledge(id, actor.email(), clock.instant());
        trail.complete(record.key(), AuditResult.succeeded("acknowledged", null));
        cached = null;
        log.info("tamper alarm {} acknowledged by {}", id, actor.email());
        return alarm;
    }
}
