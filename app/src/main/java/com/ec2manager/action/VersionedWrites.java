package com.ec2manager.action;

import java.util.Map;
import java.util.Optional;

import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditResult.Conclusion;

/**
 * How a {@link PendingJudge} settles an action whose call was one conditional write of a versioned
 * item in our own tables (a schedule, an approval policy or request): the action's record names
 * the version its write would create ({@link #VERSION}), and the item now says whether it got there.
 *
 * <ul>
 *   <li>the item carries the action's own mark (the change it wrote): probably performed;</li>
 *   <li>the item is still below that version: nobody's write landed, so ours did not either;</li>
 *   <li>the item is at exactly that version without our mark: another write won it, ours was refused;</li>
 *   <li>the item moved past it without our mark: a later change may have replaced ours — undetermined.</li>
 * </ul>
 */
public final class VersionedWrites {

    /** The detail naming the version the action's write would create. */
    public static final String VERSION = "writesVersion";
    /** The detail naming the change's own time (the item's {@code updatedAt}, an override's {@code at}): its mark. */
    public static final String CHANGED_AT = "changedAt";

    private VersionedWrites() {
    }

    /** The detail to add to the action's record before it is written. */
    public static Map<String, String> writes(long version) {
        return Map.of(VERSION, Long.toString(version));
    }

    /** The version the record's write would have created; empty for records written before it was recorded. */
    public static Optional<Long> written(AuditRecord record) {
        String value = record.details().extra().get(VERSION);
        try {
            return value == null ? Optional.empty() : Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A deletion's inferred result: ids are never reused, so once the thing is gone the deletion
     * (this one or an equal one) took it away.
     */
    public static AuditResult settleDeletion(boolean gone, String what) {
        return gone ? AuditResult.inferred(Conclusion.PROBABLY_PERFORMED, "deleted", what + " no longer exists")
                : AuditResult.inferred(Conclusion.PROBABLY_NOT_PERFORMED, null, what + " still exists");
    }

    /**
     * The inferred result.
     *
     * @param record  the PENDING record
     * @param what    the item in words, e.g. "the schedules item"
     * @param current the item's version now (0: no item)
     * @param ours    whether the item now carries the action's change
     * @param state   the state to record as observed; may be null
     */
    public static AuditResult settle(AuditRecord record, String what, long current, boolean ours, String state) {
        if (ours) {
            return AuditResult.inferred(Conclusion.PROBABLY_PERFORMED, state, "the change is in " + what);
        }
        Optional<Long> written = written(record);
        if (written.isEmpty()) {
            return AuditResult.inferred(Conclusion.UNDETERMINED, state, "the change is not in " + what + ", and the "
                    + "record does not say which version it wrote");
        }
        if (current < written.get()) {
            return AuditResult.inferred(Conclusion.PROBABLY_NOT_PERFORMED, state, what + " is at version " + current
                    + ", before the version " + written.get() + " the change would have written");
        }
        if (current == written.get()) {
            return AuditResult.inferred(Conclusion.PROBABLY_NOT_PERFORMED, state, "another change wrote version "
                    + current + " of " + what + ", which the change needed; it was refused");
        }
        return AuditResult.inferred(Conclusion.UNDETERMINED, state, what + " moved on to version " + current
                + " past the change's version " + written.get() + " without the change; a later change may have replaced it");
    }
}
