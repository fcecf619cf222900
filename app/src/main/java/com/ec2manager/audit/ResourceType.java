package com.ec2manager.audit;

/** What kind of thing an audited action touched; stored as the seed's {@code resourceType}. */
public enum ResourceType {
    EC2_INSTANCE,
    USER,
    /** A record of the audit trail itself (tamper alarms). */
    AUDIT_RECORD,
    /** A rule that holds matching actions for approval. */
    APPROVAL_POLICY,
    /** An action held for approval. */
    APPROVAL_REQUEST,
    /** A schedule that starts and stops instances. */
    SCHEDULE
}
