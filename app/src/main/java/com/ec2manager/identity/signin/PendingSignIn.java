package com.ec2manager.identity.signin;

import java.util.Optional;

import com.ec2manager.identity.cognito.SignInStep;

/**
 * A sign-in waiting for its challenge's answer (new password or MFA code); sealed in a short-lived
 * cookie so that the answer may reach another application instance.
 *
 * @param challenge what Cognito asked, with its session
 * @param email     what the person typed at sign-in
 */
record PendingSignIn(SignInStep.Challenge challenge, String email) {

    private static final String SEPARATOR = "\n";

    String serialize() {
        return String.join(SEPARATOR, challenge.kind().name(), challenge.username(), challenge.session(), email);
    }

    static Optional<PendingSignIn> deserialize(String value) {
        String[] parts = value.split(SEPARATOR, -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PendingSignIn(new SignInStep.Challenge(
                    SignInStep.ChallengeKind.valueOf(parts[0]), parts[1], parts[2]), parts[3]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
