package com.ec2manager.web;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who the request being served is signed in as, read from Spring Security's context. */
public final class SignedIn {

    private SignedIn() {
    }

    /** The signed-in person, if any. */
    static Optional<Viewer> viewer() {
        return authentication().map(a -> (Viewer) a.getPrincipal());
    }

    /** The signed-in person's user id (the authentication's name: Cognito's {@code sub}), if any. */
    public static Optional<String> userId() {
        return authentication().map(Authentication::getName);
    }

    private static Optional<Authentication> authentication() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Viewer
                ? Optional.of(authentication) : Optional.empty();
    }
}
