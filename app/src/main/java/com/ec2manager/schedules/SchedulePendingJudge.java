package com.ec2manager.schedules;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import com.ec2manager.action.PendingJudge;
import com.ec2manager.action.VersionedWrites;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.ResourceType;

/**
 * Judges schedule changes left PENDING — the write to the schedules' table did not answer, or the
 * application stopped before the record was completed — from the table itself: is the schedule
 * there as the change wrote it (its change time, the record's {@link VersionedWrites#CHANGED_AT}), gone after a
 * deletion, is the override there; and if not, did the item reach the version the change would
 * have written ({@link VersionedWrites}). DynamoDB never confirmed the write, so the result is
 * inferred. A table that cannot be read now throws: the record stays in flight for a later pass.
 */
class SchedulePendingJudge implements PendingJudge {

    private static final Set<AuditAction> ACTIONS = Set.of(AuditAction.CREATE_SCHEDULE, AuditAction.UPDATE_SCHEDULE,
            AuditAction.DELETE_SCHEDULE, AuditAction.OVERRIDE_SCHEDULE);

    private final ScheduleStore store;
    private final Duration callTimeout;

    SchedulePendingJudge(ScheduleStore store, Duration callTimeout) {
        this.store = store;
        this.callTimeout = callTimeout;
    }

    @Override
    public boolean owns(AuditRecord record) {
        return record.resourceType() == ResourceType.SCHEDULE && ACTIONS.contains(record.action());
    }

    @Override
    public AuditResult judge(AuditRecord record) {
        String id = record.resourceId();
        String mark = record.details().extra().get(VersionedWrites.CHANGED_AT);
        if (record.action() == AuditAction.OVERRIDE_SCHEDULE) {
            var overrides = store.overrides();
            String instanceId = record.details().extra().get("instanceId");
            boolean ours = mark != null && overrides.all().stream().anyMatch(o -> o.scheduleId().equals(id)
                    && o.instanceId().equals(instanceId) && o.at().toString().equals(mark));
            return VersionedWrites.settle(record, "the schedule overrides item", overrides.version(), ours,
                    ours ? "kept " + record.details().extra().get("keep") : null);
        }
        var schedules = store.schedules();
        Optional<Schedule> now = schedules.all().stream().filter(s -> s.id().equals(id)).findFirst();
        if (record.action() == AuditAction.DELETE_SCHEDULE) {
            return VersionedWrites.settleDeletion(now.isEmpty(), "the schedule");
        }
        boolean ours = mark != null && now.filter(s -> s.updatedAt() != null && s.updatedAt().toString().equals(mark))
                .isPresent();
        return VersionedWrites.settle(record, "the schedules item", schedules.version(), ours,
                ours ? now.get().mode().name() : null);
    }

    @Override
    public Duration callTimeout() {
        return callTimeout;
    }
}
