package com.ec2manager.identity;

import java.util.Set;

/**
 * The person behind a request, as far as the application trusts it: the Cognito {@code sub},
 * the e-mail address and the roles from {@code cognito:groups}.
 */
public record Operator(String userId, String email, Set<Role> roles) {

    public Operator {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }
}
