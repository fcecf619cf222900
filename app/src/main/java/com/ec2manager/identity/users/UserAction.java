package com.ec2manager.identity.users;

import java.util.Optional;

import com.ec2manager.audit.AuditAction;

/** What an administrator can do to a user, named as approval policies name it and as the audit trail records it. */
public enum UserAction {
    CREATE(AuditAction.CREATE_USER),
    DISABLE(AuditAction.DISABLE_USER),
    ENABLE(AuditAction.ENABLE_USER),
    RESET_PASSWORD(AuditAction.RESET_USER_PASSWORD),
    DELETE(AuditAction.DELETE_USER);

    private final AuditAction auditAction;

    UserAction(AuditAction auditAction) {
        this.auditAction = auditAction;
    }

    public AuditAction auditAction() {
        return auditAction;
    }

    /** The audit trail's name in lower case with hyphens, e.g. {@code delete-user}, {@code reset-user-password}. */
    public String value() {
        return auditAction.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static Optional<UserAction> fromValue(String value) {
        for (UserAction action : values()) {
            if (action.value().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
