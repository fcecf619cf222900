package com.ec2manager.identity.cognito;

/**
 * What Cognito hands out at sign-in: the access token (the one the application trusts), the
 * refresh token (to get new access tokens) and the ID token (not used for authorization).
 */
public record Tokens(String accessToken, String refreshToken, String idToken) {

    @Override
    public String toString() {
        return "Tokens[***]";
    }
}
