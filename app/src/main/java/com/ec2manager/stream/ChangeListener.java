package com.ec2manager.stream;

/**
 * Reacts to each change once per stream (tamper alarms, notifications): called by the instance
 * that holds the shard's lease. At least once: after a crash, changes since the last checkpoint
 * come again, so a listener is idempotent on {@link AuditChange#itemKey()} and
 * {@link AuditChange#sequenceNumber()}.
 */
public interface ChangeListener {

    void onChange(AuditChange change);
}
