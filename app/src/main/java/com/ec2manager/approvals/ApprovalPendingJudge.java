package com.ec2manager.approvals;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.ec2manager.action.PendingJudge;
import com.ec2manager.action.VersionedWrites;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditResult.Conclusion;
import com.ec2manager.audit.ResourceType;

/**
 * Judges approval steps and policy changes left PENDING — the write to the approvals' table did
 * not answer, or the application stopped before the record was completed — from the table itself:
 * does the request carry the step (it exists; it holds this admin's approval; it is rejected by
 * them, expired, interrupted), does the policy carry the change (its change time, the record's
 * {@link VersionedWrites#CHANGED_AT}) or is it gone after a deletion; and if not, did the item reach the version the
 * step would have written ({@link VersionedWrites}). DynamoDB never confirmed the write, so the
 * result is inferred. A table that cannot be read now throws: the record stays in flight.
 */
class ApprovalPendingJudge implements PendingJudge {

    private static final Set<AuditAction> REQUEST_STEPS = Set.of(AuditAction.REQUEST_APPROVAL,
            AuditAction.APPROVE_REQUEST, AuditAction.REJECT_REQUEST, AuditAction.EXPIRE_APPROVAL,
            AuditAction.INTERRUPT_APPROVAL);
    private static final Set<AuditAction> POLICY_CHANGES = Set.of(AuditAction.CREATE_APPROVAL_POLICY,
            AuditAction.UPDATE_APPROVAL_POLICY, AuditAction.DELETE_APPROVAL_POLICY);

    private final ApprovalStore store;
    private final Duration callTimeout;

    ApprovalPendingJudge(ApprovalStore store, Duration callTimeout) {
        this.store = store;
        this.callTimeout = callTimeout;
    }

    @Override
    public boolean owns(AuditRecord record) {
        return record.resourceType() == ResourceType.APPROVAL_REQUEST && REQUEST_STEPS.contains(record.action())
                || record.resourceType() == ResourceType.APPROVAL_POLICY && POLICY_CHANGES.contains(record.action());
    }

    @Override
    public AuditResult judge(AuditRecord record) {
        return record.resourceType() == ResourceType.APPROVAL_POLICY ? policy(record) : request(record);
    }

    @Override
    public Duration callTimeout() {
        return callTimeout;
    }

    private AuditResult request(AuditRecord record) {
        Optional<ApprovalRequest> found = store.request(record.resourceId());
        if (found.isEmpty()) {
            // a request is never deleted, only expired by TTL long after it was decided
            return record.action() == AuditAction.REQUEST_APPROVAL
                    ? AuditResult.inferred(Conclusion.PROBABLY_NOT_PERFORMED, null, "the request does not exist")
                    : AuditResult.inferred(Conclusion.UNDETERMINED, null, "the request no longer exists");
        }
        ApprovalRequest now = found.get();
        boolean ours = switch (record.action()) {
            case REQUEST_APPROVAL -> true; // ids are random UUIDs: the request is the one this step wrote
            case APPROVE_REQUEST -> now.approvals().stream().anyMatch(a -> a.userId().equals(record.userId()));
            case REJECT_REQUEST -> now.state() == ApprovalRequest.State.REJECTED
                    && Objects.equals(now.decidedBy(), record.userEmail());
            case EXPIRE_APPROVAL -> now.state() == ApprovalRequest.State.EXPIRED;
            case INTERRUPT_APPROVAL -> now.state() == ApprovalRequest.State.INTERRUPTED;
            default -> throw new IllegalArgumentException("not an approval step: " + record.action());
        };
        return VersionedWrites.settle(record, "approval request " + now.id(), now.version(), ours, now.state().name());
    }

    private AuditResult policy(AuditRecord record) {
        ApprovalStore.Policies policies = store.policies();
        Optional<ApprovalPolicy> now = policies.all().stream().filter(p -> p.id().equals(record.resourceId())).findFirst();
        if (record.action() == AuditAction.DELETE_APPROVAL_POLICY) {
            return VersionedWrites.settleDeletion(now.isEmpty(), "the policy");
        }
        String mark = record.details().extra().get(VersionedWrites.CHANGED_AT);
        boolean ours = mark != null && now.filter(p -> p.updatedAt() != null && p.updatedAt().toString().equals(mark))
                .isPresent();
        return VersionedWrites.settle(record, "the approval policies item", policies.version(), ours, null);
    }
}
