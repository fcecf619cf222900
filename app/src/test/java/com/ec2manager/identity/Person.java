package com.ec2manager.identity;

import java.util.UUID;

import com.ec2manager.testing.SignedInAs;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** A signed-in operator with a Cognito access token's claims; a fresh one per use, so its audit records are its own. */
record Person(String userId, String email, String group) {

    static Person admin() {
        String id = UUID.randomUUID().toString();
        return new Person(id, "admin-" + id.substring(0, 8) + "@example.com", "admin");
    }

    static Person readonly() {
        String id = UUID.randomUUID().toString();
        return new Person(id, "reader-" + id.substring(0, 8) + "@example.com", "readonly");
    }

    /** Its requests, authenticated as the application's filters leave them. */
    RequestPostProcessor token() {
        return SignedInAs.operator(userId, email, group);
    }
}
