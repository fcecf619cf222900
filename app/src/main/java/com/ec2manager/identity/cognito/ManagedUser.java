package com.ec2manager.identity.cognito;

import java.time.Instant;

import com.ec2manager.identity.Role;

/**
 * A user of the pool as the administration pages show it.
 *
 * @param username   Cognito's user name (the sub when e-mail is an alias)
 * @param sub        the stable user id
 * @param status     Cognito's status, e.g. {@code CONFIRMED}, {@code FORCE_CHANGE_PASSWORD}
 * @param mfaEnabled whether TOTP is this user's preferred second factor
 * @param role       {@code null} when the attribute is missing or not one of the two roles
 */
public record ManagedUser(String username, String sub, String givenName, String familyName, String email,
                          Role role, String department, String status, boolean enabled, boolean mfaEnabled,
                          Instant created) {

    public String displayName() {
        return ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).trim();
    }
}
