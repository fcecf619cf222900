package com.ec2manager.instances;

import java.util.Locale;
import java.util.Optional;

import com.ec2manager.audit.AuditAction;

/** What an operator can do to an instance, and how each is named in URLs and the audit trail. */
public enum InstanceAction {
    START(AuditAction.START_INSTANCE),
    STOP(AuditAction.STOP_INSTANCE),
    REBOOT(AuditAction.REBOOT_INSTANCE),
    TERMINATE(AuditAction.TERMINATE_INSTANCE);

    private final AuditAction auditAction;

    InstanceAction(AuditAction auditAction) {
        this.auditAction = auditAction;
    }

    AuditAction auditAction() {
        return auditAction;
    }

    /** The action done, for sentences: "cannot be stopped". */
    public String pastTense() {
        return this == STOP ? "stopped" : value() + "ed";
    }

    /** Whether EC2 accepts the action for an instance in this state (start a stopped one, stop or reboot a running one, terminate any not on its way out). */
    boolean appliesTo(InstanceState state) {
        return switch (this) {
            case START -> state == InstanceState.STOPPED;
            case STOP, REBOOT -> state == InstanceState.RUNNING;
            case TERMINATE -> state != InstanceState.TERMINATED && state != InstanceState.SHUTTING_DOWN
                    && state != InstanceState.UNKNOWN;
        };
    }

    /** The states the action applies to, by their EC2 names, space-separated (the bulk dialogs read them). */
    public String statesItAppliesTo() {
        return java.util.Arrays.stream(InstanceState.values()).filter(this::appliesTo).map(InstanceState::value)
                .collect(java.util.stream.Collectors.joining(" "));
    }

    /** The name in URLs and request bodies, e.g. {@code stop}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<InstanceAction> fromValue(String value) {
        for (InstanceAction action : values()) {
            if (action.value().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    public static Optional<InstanceAction> of(AuditAction auditAction) {
        for (InstanceAction action : values()) {
            if (action.auditAction == auditAction) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
