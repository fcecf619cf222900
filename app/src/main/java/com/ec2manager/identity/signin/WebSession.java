package com.ec2manager.identity.signin;

import java.time.Instant;
import java.util.Optional;

import com.ec2manager.identity.cognito.Tokens;

/**
 * A signed-in browser's session, kept whole in a sealed cookie so that any application instance
 * can serve any request without shared memory.
 *
 * @param accessToken  the current Cognito access token, verified on every request
 * @param refreshToken renews the access token when it expires
 * @param username     Cognito's user name, needed for the SECRET_HASH of a refresh
 * @param email        the person's e-mail address (access tokens do not carry it)
 * @param signedInAt   when the person signed in: the session ends a fixed time after it, however
 *                     often its tokens are renewed
 */
public record WebSession(String accessToken, String refreshToken, String username, String email,
                         Instant signedInAt) {

    static WebSession signedIn(Tokens tokens, String username, String email, Instant signedInAt) {
        return new WebSession(tokens.accessToken(), tokens.refreshToken(), username, email, signedInAt);
    }

    private static final String SEPARATOR = "\n";

    String serialize() {
        return String.join(SEPARATOR, accessToken, refreshToken == null ? "" : refreshToken, username, email,
                Long.toString(signedInAt.toEpochMilli()));
    }

    public static Optional<WebSession> deserialize(String value) {
        String[] parts = value.split(SEPARATOR, -1);
        if (parts.length != 5 || parts[0].isEmpty() || !parts[4].matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(new WebSession(parts[0], parts[1].isEmpty() ? null : parts[1], parts[2], parts[3],
                Instant.ofEpochMilli(Long.parseLong(parts[4]))));
    }

    WebSession withTokens(Tokens tokens) {
        return new WebSession(tokens.accessToken(), tokens.refreshToken() != null ? tokens.refreshToken() : refreshToken,
                username, email, signedInAt);
    }

    @Override
    public String toString() {
        return "WebSession[" + email + "]";
    }
}
