package com.ec2manager.approvals;

import java.util.Arrays;
import java.util.Optional;

import com.ec2manager.instances.InstanceAction;
import com.ec2manager.identity.users.UserAction;

/**
 * An action an approval policy can hold: the four instance actions and the user-administration
 * ones. The constants' names are what policies and requests store (those of the instance actions
 * are {@link InstanceAction}'s, those of the user actions the audit trail's); {@link #value()} is
 * what people and API bodies write.
 */
public enum PolicyAction {
    START(InstanceAction.START),
    STOP(InstanceAction.STOP),
    REBOOT(InstanceAction.REBOOT),
    TERMINATE(InstanceAction.TERMINATE),
    CREATE_USER(UserAction.CREATE),
    DISABLE_USER(UserAction.DISABLE),
    ENABLE_USER(UserAction.ENABLE),
    RESET_USER_PASSWORD(UserAction.RESET_PASSWORD),
    DELETE_USER(UserAction.DELETE);

    private final InstanceAction instanceAction;
    private final UserAction userAction;

    PolicyAction(InstanceAction instanceAction) {
        this.instanceAction = instanceAction;
        this.userAction = null;
    }

    PolicyAction(UserAction userAction) {
        this.instanceAction = null;
        this.userAction = userAction;
    }

    /** The name in request bodies and forms: {@code stop}, {@code delete-user}. */
    public String value() {
        return instanceAction != null ? instanceAction.value() : userAction.value();
    }

    /** For sentences: "Stop", "Delete user". */
    public String label() {
        String words = value().replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** Whether it acts on users (then accounts, regions, tags and a reason do not apply). */
    public boolean onUsers() {
        return userAction != null;
    }

    Optional<InstanceAction> instanceAction() {
        return Optional.ofNullable(instanceAction);
    }

    Optional<UserAction> userAction() {
        return Optional.ofNullable(userAction);
    }

    static PolicyAction of(InstanceAction action) {
        return Arrays.stream(values()).filter(a -> a.instanceAction == action).findFirst().orElseThrow();
    }

    static PolicyAction of(UserAction action) {
        return Arrays.stream(values()).filter(a -> a.userAction == action).findFirst().orElseThrow();
    }

    static Optional<PolicyAction> fromValue(String value) {
        String given = value == null ? "" : value.trim();
        return Arrays.stream(values()).filter(a -> a.value().equalsIgnoreCase(given)).findFirst();
    }

    /** Every value, comma-separated, for messages. */
    static String allValues() {
        return String.join(", ", Arrays.stream(values()).map(PolicyAction::value).toList());
    }
}
