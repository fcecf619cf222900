package com.ec2manager.localaws.cognito;

import java.time.Instant;

/**
 * One successful sign-in: its refresh token (kept as a hash) and the {@code origin_jti} that every
 * access and ID token derived from it carries, so that revoking the grant revokes them all.
 */
final class TokenGrant {

    public String originJti;
    public String eventId;
    public String username;
    public String refreshTokenHash;
    public Instant authTime;
    public Instant expiresAt;
    public boolean revoked;
}
