package com.ec2manager.integrity;

import java.time.Duration;

import com.ec2manager.action.PendingJudge;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditResult.Conclusion;

/**
 * Judges tamper-alarm acknowledgements left PENDING — the write to the archive bucket did not
 * answer, or the application stopped first — from the bucket: the acknowledgement's object is there
 * or not (it is never taken back). The bucket never confirmed it, so the result is inferred; a
 * bucket that cannot be read now throws and the record stays in flight.
 */
class TamperAlarmPendingJudge implements PendingJudge {

    /** The detail naming the acknowledged alarm. */
    static final String ALARM_ID = "alarmId";

    private final TamperAlarmStore store;
    private final Duration callTimeout;

    TamperAlarmPendingJudge(TamperAlarmStore store, Duration callTimeout) {
        this.store = store;
        this.callTimeout = callTimeout;
    }

    @Override
    public boolean owns(AuditRecord record) {
        return record.action() == AuditAction.ACKNOWLEDGE_TAMPER_ALARM;
    }

    @Override
    public AuditResult judge(AuditRecord record) {
        String id = record.details().extra().get(ALARM_ID);
        if (id == null) {
            return AuditResult.inferred(Conclusion.UNDETERMINED, null, "the record does not name its alarm");
        }
        return store.acknowledged(id)
                ? AuditResult.inferred(Conclusion.PROBABLY_PERFORMED, "acknowledged", "the alarm's acknowledgement is stored")
                : AuditResult.inferred(Conclusion.PROBABLY_NOT_PERFORMED, null, "the alarm has no acknowledgement");
    }

    @Override
    public Duration callTimeout() {
        return callTimeout;
    }
}
