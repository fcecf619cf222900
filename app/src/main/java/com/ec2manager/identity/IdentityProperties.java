package com.ec2manager.identity;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Cognito user pool the application signs people in with, and how web sessions are kept.
 *
 * @param userPoolId       the pool's id, e.g. {@code eu-west-1_AbCdEf123}; required in aws mode;
 *                         in local mode the emulator's fixed pool {@code us-east-1_Ec2MgrLcl} when empty
 * @param clientId         the app client's id; required in aws mode; in local mode the emulator's
 *                         fixed client when empty
 * @param clientSecret     the app client's secret, if it has one (never logged): SECRET_HASH is then
 *                         sent with every sign-in call
 * @param issuerBase       the base of the token issuer; empty means
 *                         {@code https://cognito-idp.<region>.amazonaws.com} in aws mode and the
 *                         Cognito endpoint in local mode
 * @param allowedClientIds further app clients whose access tokens the JSON API accepts
 * @param sessionSecret    the key that seals the session cookies: base64 of 32 bytes, or any
 *                         secret of at least 32 characters (a 256-bit key is derived from it); every
 *                         instance behind the load balancer needs the same one. Required in aws
 *                         mode; in local mode, when empty, generated once and kept in
 *                         {@code <data folder>/session-secret} so that local instances sharing the
 *                         data folder agree
 * @param secureCookies    mark the cookies {@code Secure}; empty means true in aws mode and false
 *                         in local mode (plain HTTP on loopback)
 * @param clockSkew        how far past its expiry a token is still accepted; default 60 s
 * @param jwksMinRefresh   the least time between two fetches of the JWKS when a token names an
 *                         unknown key id; default 30 s
 * @param revocationTable  the DynamoDB table recording sign-outs, so that every instance refuses
 *                         revoked access tokens; default {@code ec2-manager-token-revocations},
 *                         created in local mode
 * @param sessionLifetime  how long a web session (its sealed cookie) lasts after sign-in before the
 *                         person must sign in again; default 12 h
 * @param lockoutAttemptsPerAccountAndAddress failed sign-in attempts (password or TOTP) on one
 *                           account, existing or not, from one client address before each further
 *                           one from that address must wait; default 5. The owner signing in from
 *                           another address is not held up by it
 * @param lockoutAttemptsPerAddress failed sign-in attempts one client address may make, over all
 *                           accounts, before each further one must wait; default 20
 * @param lockoutAttemptsPerAccount failed sign-in attempts on one account over all addresses
 *                           (guessing spread over many addresses) before each further one, from any
 *                           address, must wait; default 50
 * @param lockoutFirstWait   the wait after the free attempts are used up, doubling with each further
 *                           failure; default 1 minute
 * @param lockoutMaxWait     the longest wait; a count is forgotten this long after the wait that
 *                           followed its last failure; default 30 minutes — longer than Cognito's own
 *                           15 quiet minutes that reset its per-user lock-out, so that one address
 *                           guessing whenever allowed cannot make Cognito's lock-out grow
 * @param revocationCheckInterval how long the application trusts Cognito's last word on an access
 *                           token before asking again (GetUser): the bound on how long a person
 *                           signed out or disabled directly at Cognito keeps access; default 4
 *                           minutes, at most {@link #MAX_REVOCATION_CHECK_INTERVAL} (the promised bound)
 * @param revocationSkew     how far Cognito's clock may run ahead of the application's: an access
 *                           token issued up to this long after a recorded revocation (or in its
 *                           second) is checked with Cognito rather than taken as newer; default 5 s
 */
@ConfigurationProperties("ec2manager.identity")
public record IdentityProperties(String userPoolId, String clientId, String clientSecret, URI issuerBase,
                                 List<String> allowedClientIds,
                                 String sessionSecret,
                                 Boolean secureCookies,
                                 @DefaultValue("60s") Duration clockSkew,
                                 @DefaultValue("30s") Duration jwksMinRefresh,
                                 @DefaultValue("ec2-manager-token-revocations") String revocationTable,
                                 @DefaultValue("12h") Duration sessionLifetime,
                                 @DefaultValue("5") int lockoutAttemptsPerAccountAndAddress,
                                 @DefaultValue("20") int lockoutAttemptsPerAddress,
                                 @DefaultValue("50") int lockoutAttemptsPerAccount,
                                 @DefaultValue("1m") Duration lockoutFirstWait,
                                 @DefaultValue("30m") Duration lockoutMaxWait,
                                 @DefaultValue("4m") Duration revocationCheckInterval,
                                 @DefaultValue("5s") Duration revocationSkew) {

    /** The README promises that access ends within 5 minutes of a sign-out or disable made at Cognito. */
    public static final Duration MAX_REVOCATION_CHECK_INTERVAL = Duration.ofMinutes(5);

    public IdentityProperties {
        allowedClientIds = allowedClientIds == null ? List.of() : List.copyOf(allowedClientIds);
        clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
        jwksMinRefresh = jwksMinRefresh == null ? Duration.ofSeconds(30) : jwksMinRefresh;
        revocationTable = revocationTable == null ? "ec2-manager-token-revocations" : revocationTable;
        sessionLifetime = sessionLifetime == null ? Duration.ofHours(12) : sessionLifetime;
        if (sessionLifetime.isNegative() || sessionLifetime.isZero()) {
            throw new IllegalArgumentException("ec2manager.identity.session-lifetime must be positive");
        }
        lockoutFirstWait = lockoutFirstWait == null ? Duration.ofMinutes(1) : lockoutFirstWait;
        lockoutMaxWait = lockoutMaxWait == null ? Duration.ofMinutes(30) : lockoutMaxWait;
        revocationCheckInterval = revocationCheckInterval == null ? Duration.ofMinutes(4) : revocationCheckInterval;
        if (revocationCheckInterval.isNegative() || revocationCheckInterval.isZero()
                || revocationCheckInterval.compareTo(MAX_REVOCATION_CHECK_INTERVAL) > 0) {
            throw new IllegalArgumentException("ec2manager.identity.revocation-check-interval must be more than 0 and at most "
                    + MAX_REVOCATION_CHECK_INTERVAL.toMinutes() + " minutes (" + revocationCheckInterval + " given): it bounds how long a person "
                    + "signed out or disabled directly at Cognito keeps access");
        }
        revocationSkew = revocationSkew == null ? Duration.ofSeconds(5) : revocationSkew;
        if (revocationSkew.isNegative()) {
            throw new IllegalArgumentException("ec2manager.identity.revocation-skew cannot be negative");
        }
    }

    @Override
    public String toString() {
        return "IdentityProperties[userPoolId=" + userPoolId + ", clientId=" + clientId
                + ", clientSecret=***, sessionSecret=***]";
    }
}
