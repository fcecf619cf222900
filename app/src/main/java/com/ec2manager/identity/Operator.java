package com.ec2manager.identity;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The person behind a request, as far as the application trusts it: the Cognito {@code sub},
 * the e-mail address and the roles from {@code cognito:groups}.
 */
public record Operator(String userId, String email, Set<Role> roles) implements com.ec2manager.web.Viewer {

    public Operator {
        roles = Set.copyOf(roles);
    }

    /**
     * The operator a verified Cognito access token speaks for. Roles come only from
     * {@code cognito:groups}, which a client cannot mint.
     */
    public static Operator fromAccessToken(Jwt accessToken, String email) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (accessToken.getClaim("cognito:groups") instanceof Collection<?> groups) {
            for (Object group : groups) {
                Role.fromValue(String.valueOf(group)).ifPresent(roles::add);
            }
        }
        return new Operator(accessToken.getSubject(), email, roles);
    }

    @Override
    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }
}
