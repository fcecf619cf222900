package com.ec2manager.notifications;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.ec2manager.integrity.TamperAlarm;
import com.ec2manager.integrity.TamperAlarmListener;
import com.ec2manager.stream.AttributeJson;
import com.ec2manager.stream.AuditChange;
import com.ec2manager.stream.ChangeListener;

/**
 * Sends final audit records (and every tamper alarm) to the targets whose rules match, each
 * target on its own worker. Called by the leased consumer, so each record is sent by one
 * instance. The consumer checkpoints a record only once every target has delivered or
 * dead-lettered it, so after a crash the records whose notifications were still under way come
 * again, with the same delivery id (at least once).
 */
final class NotificationDispatcher implements ChangeListener, TamperAlarmListener {

    static final String RECORD = "audit.record";
    static final String TAMPER = "audit.tamper";

    private final List<TargetWorker> workers;

    NotificationDispatcher(List<TargetWorker> workers) {
        this.workers = List.copyOf(workers);
    }

    @Override
    public CompletableFuture<Void> onChange(AuditChange change) {
        if (change.kind() == AuditChange.Kind.REMOVE || change.newImage() == null) {
            return DONE;
        }
        Map<String, Object> record = AttributeJson.plain(change.newImage());
        Object outcome = record.get("outcome");
        if (outcome == null || "PENDING".equals(outcome)) {
            return DONE; // sent once final
        }
        String id = UUID.nameUUIDFromBytes((change.itemKey() + "@" + change.sequenceNumber())
                .getBytes(StandardCharsets.UTF_8)).toString();
        String text = record.get("action") + " " + outcome + " by " + record.get("userEmail") + " on "
                + record.get("resourceId") + (record.get("details") instanceof Map<?, ?> d && d.get("region") != null
                ? " (" + d.get("region") + ")" : "");
        return dispatch(new Notification(id, RECORD, record, text));
    }

    @Override
    public CompletableFuture<Void> raised(TamperAlarm alarm) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("alarmId", alarm.id());
        record.put("kind", alarm.kind().name());
        record.put("record", alarm.itemKey());
        record.put("description", alarm.description());
        record.put("detectedAt", alarm.detectedAt().toString());
        return dispatch(new Notification(alarm.id(), TAMPER, record,
                "Audit trail tampered: record " + alarm.itemKey() + " " + alarm.description()));
    }

    /** Hands the notification to every target's worker; completes once each has delivered or dead-lettered it. */
    private CompletableFuture<Void> dispatch(Notification notification) {
        return CompletableFuture.allOf(workers.stream().map(worker -> worker.submit(notification))
                .toArray(CompletableFuture[]::new));
    }

    void close() {
        workers.forEach(TargetWorker::close);
    }
}
