package com.ec2manager.localaws.cognito;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to run the Cognito emulator. The identifiers have fixed defaults so that every process
 * started on the same data folder (the application, the AWS CLI, a second application instance)
 * agrees on them.
 *
 * @param host                 the address to bind to, loopback by default
 * @param port                 the port; 0 picks a free one (see {@link CognitoEmulator#port()})
 * @param dataDir              the data folder; the emulator keeps {@code cognito/state.json}, its
 *                             signing keys and {@code cognito/outbox/} below it
 * @param region               the region in the pool id and ARN, {@code us-east-1}
 * @param userPoolId           the pool id, {@code <region>_} and nine characters
 * @param userPoolName         the pool's name
 * @param clientId             the application's app client id (26 characters as Cognito's)
 * @param clientName           the app client's name
 * @param clientSecret         the app client's secret, or null for a public client (no SECRET_HASH)
 * @param issuerBase           what precedes {@code /<poolId>} in the tokens' {@code iss}; null means
 *                             the emulator's own base URL, e.g. {@code http://127.0.0.1:9229};
 *                             {@link #withCognitoIssuer()} makes it Cognito's real one. The key set
 *                             is always served by the emulator ({@link CognitoEmulator#jwksUri()})
 * @param accessTokenValidity  access token lifetime, 1 hour
 * @param idTokenValidity      ID token lifetime, 1 hour
 * @param refreshTokenValidity refresh token lifetime, 30 days
 * @param sessionValidity      lifetime of a challenge's Session, 3 minutes
 * @param resetCodeValidity    lifetime of a password reset code, 1 hour
 * @param lockoutThreshold     failed sign-ins in a row after which the user is locked out, 5; as in
 *                             Cognito, the lock-out lasts 1 s after the 5th failure and doubles with
 *                             each further one
 * @param maxLockout           the longest lock-out, and how long without a failure forgets the
 *                             count, 15 minutes
 * @param seedUsers            users created when the pool is new
 */
public record CognitoEmulatorSettings(String host, int port, Path dataDir, String region, String userPoolId,
                                      String userPoolName, String clientId, String clientName, String clientSecret,
                                      String issuerBase, Duration accessTokenValidity, Duration idTokenValidity,
                                      Duration refreshTokenValidity, Duration sessionValidity,
                                      Duration resetCodeValidity, int lockoutThreshold, Duration maxLockout,
                                      List<SeedUser> seedUsers) {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_USER_POOL_ID = "us-east-1_Ec2MgrLcl";
    public static final String DEFAULT_CLIENT_ID = "ec2managerlocalwebclient01";

    public CognitoEmulatorSettings {
        if (!userPoolId.matches("[\\w-]+_[0-9a-zA-Z]+") || !userPoolId.startsWith(region + "_")) {
            throw new IllegalArgumentException("a user pool id looks like " + region + "_XXXXXXXXX: " + userPoolId);
        }
        seedUsers = List.copyOf(seedUsers);
    }

    /** The local-mode defaults with the two seeded users (admin and readonly). */
    public static CognitoEmulatorSettings defaults(String host, int port, Path dataDir) {
        return new CognitoEmulatorSettings(host, port, dataDir, DEFAULT_REGION, DEFAULT_USER_POOL_ID,
                "ec2-manager-users", DEFAULT_CLIENT_ID, "ec2-manager-web", null, null,
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofDays(30), Duration.ofMinutes(3),
                Duration.ofHours(1), 5, Duration.ofMinutes(15), defaultSeedUsers());
    }

    public static List<SeedUser> defaultSeedUsers() {
        return List.of(
                new SeedUser("admin@example.com", "Local-Admin-2025!", "Ada", "Admin", "admin", "Operations"),
                new SeedUser("readonly@example.com", "Local-Reader-2025!", "Rudi", "Reader", "readonly", "Finance"));
    }

    public CognitoEmulatorSettings withPort(int newPort) {
        return new CognitoEmulatorSettings(host, newPort, dataDir, region, userPoolId, userPoolName, clientId,
                clientName, clientSecret, issuerBase, accessTokenValidity, idTokenValidity, refreshTokenValidity,
                sessionValidity, resetCodeValidity, lockoutThreshold, maxLockout, seedUsers);
    }

    public CognitoEmulatorSettings withClientSecret(String secret) {
        return new CognitoEmulatorSettings(host, port, dataDir, region, userPoolId, userPoolName, clientId,
                clientName, secret, issuerBase, accessTokenValidity, idTokenValidity, refreshTokenValidity,
                sessionValidity, resetCodeValidity, lockoutThreshold, maxLockout, seedUsers);
    }

    public CognitoEmulatorSettings withIssuerBase(String base) {
        return new CognitoEmulatorSettings(host, port, dataDir, region, userPoolId, userPoolName, clientId,
                clientName, clientSecret, base, accessTokenValidity, idTokenValidity, refreshTokenValidity,
                sessionValidity, resetCodeValidity, lockoutThreshold, maxLockout, seedUsers);
    }

    /**
     * Tokens issued by Cognito's real issuer, {@code https://cognito-idp.<region>.amazonaws.com/<poolId>},
     * which AWS's own verifiers insist on; their keys are still fetched from the emulator.
     */
    public CognitoEmulatorSettings withCognitoIssuer() {
        return withIssuerBase(cognitoIssuerBase(region));
    }

    /** Cognito's issuer base in {@code region}: {@code https://cognito-idp.<region>.amazonaws.com}. */
    public static String cognitoIssuerBase(String region) {
        return "https://cognito-idp." + region + ".amazonaws.com";
    }

    public CognitoEmulatorSettings withSeedUsers(List<SeedUser> users) {
        return new CognitoEmulatorSettings(host, port, dataDir, region, userPoolId, userPoolName, clientId,
                clientName, clientSecret, issuerBase, accessTokenValidity, idTokenValidity, refreshTokenValidity,
                sessionValidity, resetCodeValidity, lockoutThreshold, maxLockout, users);
    }

    @Override
    public String toString() {
        // the client secret and the seeded passwords stay out of logs
        return "CognitoEmulatorSettings[" + host + ":" + port + ", dataDir=" + dataDir + ", pool=" + userPoolId
                + ", client=" + clientId + (clientSecret != null ? " (with secret)" : "") + "]";
    }
}
