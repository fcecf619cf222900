package com.ec2manager.identity;

import java.util.Optional;

import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets a controller method take the signed-in {@link Operator} as a parameter: the principal of
 * the {@link OperatorAuthentication} that the web session or the Bearer token produced.
 */
class OperatorArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Operator.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        return current(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The operator behind an authentication: the principal of an {@link OperatorAuthentication}. */
    public static Operator current(Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof Operator operator) {
            return operator;
        }
        throw new AuthenticationCredentialsNotFoundException("no signed-in operator");
    }

    /** The operator of the request being served, if someone is signed in. */
    public static Optional<Operator> signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Operator operator
                ? Optional.of(operator) : Optional.empty();
    }
}
