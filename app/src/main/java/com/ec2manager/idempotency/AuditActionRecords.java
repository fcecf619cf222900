package com.ec2manager.idempotency;

import java.time.Instant;
import java.util.List;

import com.ec2manager.audit.AuditTrail;
import org.springframework.stereotype.Component;

/** The audit records of one request, for the idempotency of action requests. */
@Component
class AuditActionRecords implements ActionRecords {

    private final AuditTrail audit;

    AuditActionRecords(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public List<Recorded> of(String userId, String requestId, Instant since) {
        return audit.findByRequest(userId, requestId, since).stream()
                .map(r -> new Recorded(r.action().name(), r.resourceId(), r.outcome().name(), r.newState(),
                        r.errorCode(), r.inference(), r.completedAt()))
                .toList();
    }
}
