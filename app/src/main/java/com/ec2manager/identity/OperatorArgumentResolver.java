package com.ec2manager.identity;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets a controller method take the signed-in {@link Operator} as a parameter. The operator is
 * the principal of an {@link OperatorAuthentication} (web session or Bearer token), or is read
 * from a verified Cognito access token; roles come only from {@code cognito:groups},
 * which a client cannot mint.
 */
public class OperatorArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Operator.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        return current(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The operator behind an authentication. */
    public static Operator current(Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof Operator operator) {
            return operator;
        }
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            throw new AuthenticationCredentialsNotFoundException("no signed-in operator");
        }
        return fromAccessToken(jwt);
    }

    static Operator fromAccessToken(Jwt jwt) {
        String email = jwt.getClaimAsString("email");
        if (email == null) {
            // Cognito access tokens carry the username, which this pool sets to the e-mail address.
            email = jwt.getClaimAsString("username");
        }
        return new Operator(jwt.getSubject(), email, roles(jwt.getClaim("cognito:groups")));
    }

    static Set<Role> roles(Object groups) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (groups instanceof Collection<?> names) {
            for (Object name : names) {
                Role.fromValue(String.valueOf(name)).ifPresent(roles::add);
            }
        }
        return roles;
    }

    static List<String> authorities(Set<Role> roles) {
        return roles.stream().map(role -> "ROLE_" + role.name()).toList();
    }
}
