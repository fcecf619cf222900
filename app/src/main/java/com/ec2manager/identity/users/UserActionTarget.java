package com.ec2manager.identity.users;

import java.util.Map;

/**
 * Exactly what a user-administration action acts on, as it was when the action was asked for: an
 * approval request is bound to it, and an approved action runs only on the same user.
 *
 * @param username   Cognito's user name (for a creation, the new user's e-mail address)
 * @param sub        the user's stable id; null for a creation, where none exists yet
 * @param email      the user's e-mail address
 * @param parameters what the action sets: for a creation {@code givenName}, {@code familyName}, {@code role}
 *                   and {@code department} (when given); empty otherwise
 */
public record UserActionTarget(String username, String sub, String email, Map<String, String> parameters) {

    public UserActionTarget {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
