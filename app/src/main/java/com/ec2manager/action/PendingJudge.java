package com.ec2manager.action;

import java.time.Duration;

import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;

/**
 * How a feature settles its own records left PENDING (the service did not answer, or the
 * application stopped between the call and the completion): from the resource's real state.
 * Such a result is {@link AuditResult#inferred inferred}, never SUCCEEDED or FAILED, because the
 * service never confirmed it.
 */
public interface PendingJudge {

    /** Whether the record is one of this feature's actions. */
    boolean owns(AuditRecord record);

    /**
     * The result the record gets from the resource's state now.
     *
     * @throws RuntimeException when the state cannot be known now (the record stays PENDING for a later pass)
     */
    AuditResult judge(AuditRecord record);

    /**
     * The longest one call of this feature's actions may take, retries included: the reconciler
     * refuses to start with a grace period that is not longer, or it would judge actions still under way.
     */
    Duration callTimeout();
}
