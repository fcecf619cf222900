package com.ec2manager.identity;

import java.util.Locale;
import java.util.Optional;

/** The two roles of the seed's {@code custom:role}; kept in lockstep with Cognito groups of the same name. */
public enum Role {
    ADMIN, READONLY;

    /** The value as Cognito stores it: {@code admin} or {@code readonly}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromValue(String value) {
        for (Role role : values()) {
            if (role.value().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
