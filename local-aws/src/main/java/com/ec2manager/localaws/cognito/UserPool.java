package com.ec2manager.localaws.cognito;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one user pool: its users, sign-in grants and challenge sessions, the rules they follow and
 * the lock they are changed under. Every change is written to the state file before the answer
 * leaves, so that another process starting on the same folder sees it.
 */
final class UserPool {

    static final String NEW_PASSWORD_REQUIRED = "NEW_PASSWORD_REQUIRED";
    static final String SOFTWARE_TOKEN_MFA = "SOFTWARE_TOKEN_MFA";

    /** A challenge in progress; its id is the opaque {@code Session} the client echoes back. */
    static final class ChallengeSession {
        final String username;
        final String challenge;
        final Instant expiresAt;
        int failures;

        ChallengeSession(String username, String challenge, Instant expiresAt) {
            this.username = username;
            this.challenge = challenge;
            this.expiresAt = expiresAt;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MAX_GRANTS_PER_USER = 200;

    final CognitoEmulatorSettings settings;
    final Clock clock;
    final PasswordPolicy policy = PasswordPolicy.seed();
    final Outbox outbox;
    final TokenIssuer tokens;
    private final PoolState state;
    private final StateStore store;
    private final Map<String, ChallengeSession> sessions = new ConcurrentHashMap<>();

    UserPool(CognitoEmulatorSettings settings, Clock clock, PoolState state, StateStore store, Outbox outbox,
             TokenIssuer tokens) {
        this.settings = settings;
        this.clock = clock;
        this.state = state;
        this.store = store;
        this.outbox = outbox;
        this.tokens = tokens;
    }

    Instant now() {
        return clock.instant();
    }

    PoolState state() {
        return state;
    }

    /** Runs a change under the pool's lock and persists the state, also when the change fails half-way (counters). */
    synchronized <T> T change(Supplier<T> change) {
        try {
            return change.get();
        } finally {
            store.save(state);
        }
    }

    /** Runs a read under the pool's lock. */
    synchronized <T> T read(Supplier<T> read) {
        return read.get();
    }

    void requirePool(String userPoolId) {
        if (userPoolId == null) {
            throw CognitoException.missing("UserPoolId");
        }
        if (!settings.userPoolId().equals(userPoolId)) {
            throw CognitoException.resourceNotFound("User pool " + userPoolId + " does not exist.");
        }
    }

    void requireClient(String clientId) {
        if (clientId == null) {
            throw CognitoException.missing("ClientId");
        }
        if (!settings.clientId().equals(clientId)) {
            throw CognitoException.resourceNotFound("User pool client " + clientId + " does not exist.");
        }
    }

    /**
     * Checks SECRET_HASH when the client has a secret: Base64(HMAC-SHA256(secret, username + clientId)).
     */
    void requireSecretHash(String username, String secretHash) {
        String secret = settings.clientSecret();
        if (secret == null) {
            return;
        }
        if (secretHash == null) {
            throw CognitoException.notAuthorized("Client " + settings.clientId()
                    + " is configured with secret but SECRET_HASH was not received");
        }
        String expected = secretHash(secret, settings.clientId(), username == null ? "" : username);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), secretHash.getBytes(StandardCharsets.UTF_8))) {
            throw CognitoException.notAuthorized("Unable to verify secret hash for client " + settings.clientId());
        }
    }

    static String secretHash(String secret, String clientId, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((username + clientId).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The user by username (case-insensitive) or by sub, if any. */
    PoolUser find(String username) {
        if (username == null) {
            return null;
        }
        PoolUser user = state.users.get(username.toLowerCase(Locale.ROOT));
        if (user != null) {
            return user;
        }
        return state.users.values().stream().filter(u -> u.sub.equals(username)).findFirst().orElse(null);
    }

    PoolUser require(String username) {
        if (username == null) {
            throw CognitoException.missing("Username");
        }
        PoolUser user = find(username);
        if (user == null) {
            throw CognitoException.userNotFound();
        }
        return user;
    }

    void add(PoolUser user) {
        state.users.put(user.username.toLowerCase(Locale.ROOT), user);
    }

    void remove(PoolUser user) {
        state.users.remove(user.username.toLowerCase(Locale.ROOT));
        revokeAllGrants(user);
    }

    void touch(PoolUser user) {
        user.lastModifiedAt = now();
    }

    // ---- passwords and lockout ------------------------------------------------------------

    /**
     * Checks a password for a sign-in (or ChangePassword), counting failures and locking the account
     * after {@code lockoutThreshold} in a row.
     */
    void checkPassword(PoolUser user, String password) {
        checkPassword(user, password, null);
    }

    /**
     * As {@link #checkPassword(PoolUser, String)}, reusing a comparison made outside the lock
     * (hashing is the slow part of a sign-in) when it was made against the user's current hash.
     */
    void checkPassword(PoolUser user, String password, PasswordCheck precomputed) {
        requireNotLocked(user);
        boolean matches = precomputed != null && precomputed.hash().equals(user.passwordHash)
                ? precomputed.matches() : PasswordHasher.matches(password, user.passwordHash);
        if (!matches) {
            countFailure(user);
            throw CognitoException.notAuthorized("Incorrect username or password.");
        }
        if (!user.totpEnabled) {
            // with a second factor the count goes on until the code is right too
            signInSucceeded(user);
        }
    }

    /**
     * Refuses while the user is locked out by failed attempts ("Password attempts exceeded"). Such
     * a refused attempt is not a failure: it neither counts nor lengthens the next lock-out.
     */
    void requireNotLocked(PoolUser user) {
        if (user.lockedUntil != null && now().isBefore(user.lockedUntil)) {
            throw CognitoException.notAuthorized("Password attempts exceeded");
        }
    }

    /**
     * A failed password or TOTP code, as Cognito counts it: from the {@code lockoutThreshold}th
     * failure on, the user is locked out for 2^(n - threshold) seconds (1 s, 2 s, 4 s, ...), at most
     * {@code maxLockout}. A temporary lock rather than a hard one, so that whoever guesses at an
     * account cannot keep its owner out for long with a handful of attempts. The count starts
     * again after {@code maxLockout} without a failure (and on a successful sign-in).
     */
    void countFailure(PoolUser user) {
        Instant now = now();
        if (user.lastFailedSignInAt != null && !now.isBefore(quietAfter(user))) {
            user.failedSignIns = 0;
        }
        user.failedSignIns++;
        user.lastFailedSignInAt = now;
        if (user.failedSignIns >= settings.lockoutThreshold()) {
            user.lockedUntil = now.plus(lockoutAfter(user.failedSignIns));
        }
    }

    /** When the failures so far are forgotten: {@code maxLockout} after the last one, or after the lock-out it caused. */
    private Instant quietAfter(PoolUser user) {
        Instant from = user.lockedUntil != null && user.lockedUntil.isAfter(user.lastFailedSignInAt)
                ? user.lockedUntil : user.lastFailedSignInAt;
        return from.plus(settings.maxLockout());
    }

    /** The lock-out after the {@code failures}th failure in a row: 2^(failures - threshold) seconds, at most maxLockout. */
    Duration lockoutAfter(int failures) {
        int doublings = failures - settings.lockoutThreshold();
        if (doublings < 0) {
            return Duration.ZERO;
        }
        Duration lockout = Duration.ofSeconds(1L << Math.min(doublings, 30));
        return lockout.compareTo(settings.maxLockout()) > 0 ? settings.maxLockout() : lockout;
    }

    void signInSucceeded(PoolUser user) {
        user.failedSignIns = 0;
        user.lastFailedSignInAt = null;
        user.lockedUntil = null;
    }

    /**
     * Accepts a TOTP code once: it must match the user's secret (within one step of drift) and
     * belong to a later step than the last code accepted, so that a code seen once cannot be used again.
     */
    boolean acceptTotp(PoolUser user, String secret, String code) {
        long step = secret == null ? -1 : Totp.matchingStep(secret, code, now());
        if (step < 0 || step <= user.lastTotpStep) {
            return false;
        }
        user.lastTotpStep = step;
        return true;
    }

    /** A password compared with {@code hash} before taking the lock. */
    record PasswordCheck(String hash, boolean matches) {
    }

    /** Compares a password with the user's current hash without holding the lock; null for an unknown user. */
    PasswordCheck precheck(String username, String password) {
        String hash = read(() -> {
            PoolUser user = find(username);
            return user == null ? null : user.passwordHash;
        });
        return hash == null ? null : new PasswordCheck(hash, PasswordHasher.matches(password, hash));
    }

    void setPassword(PoolUser user, String password, String status) {
        user.passwordHash = PasswordHasher.hash(password);
        user.status = status;
        user.temporaryPasswordIssuedAt = PoolUser.FORCE_CHANGE_PASSWORD.equals(status) ? now() : null;
        user.resetCode = null;
        user.resetCodeExpiresAt = null;
        user.resetCodeFailures = 0;
        user.failedSignIns = 0;
        user.lastFailedSignInAt = null;
        user.lockedUntil = null;
        touch(user);
    }

    boolean temporaryPasswordExpired(PoolUser user) {
        return user.temporaryPasswordIssuedAt != null
                && !now().isBefore(user.temporaryPasswordIssuedAt.plus(Duration.ofDays(policy.temporaryPasswordValidityDays())));
    }

    /** A temporary password that satisfies the policy, as Cognito generates them. */
    String generateTemporaryPassword() {
        String upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        String lower = "abcdefghijkmnopqrstuvwxyz";
        String digits = "23456789";
        String symbols = "!#$%&*+-=?@^_";
        String all = upper + lower + digits + symbols;
        StringBuilder password = new StringBuilder();
        password.append(pick(upper)).append(pick(lower)).append(pick(digits)).append(pick(symbols));
        while (password.length() < Math.max(16, policy.minimumLength())) {
            password.append(pick(all));
        }
        for (int i = password.length() - 1; i > 0; i--) { // shuffle so the classes are not in a fixed order
            int j = RANDOM.nextInt(i + 1);
            char c = password.charAt(i);
            password.setCharAt(i, password.charAt(j));
            password.setCharAt(j, c);
        }
        return password.toString();
    }

    private static char pick(String alphabet) {
        return alphabet.charAt(RANDOM.nextInt(alphabet.length()));
    }

    String generateCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    // ---- challenge sessions ---------------------------------------------------------------

    String openSession(PoolUser user, String challenge) {
        sessions.values().removeIf(s -> !now().isBefore(s.expiresAt));
        byte[] bytes = new byte[96];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(id, new ChallengeSession(user.username, challenge, now().plus(settings.sessionValidity())));
        return id;
    }

    ChallengeSession session(String id) {
        if (id == null) {
            throw CognitoException.missing("Session");
        }
        ChallengeSession session = sessions.get(id);
        if (session == null) {
            throw CognitoException.notAuthorized("Invalid session for the user.");
        }
        if (!now().isBefore(session.expiresAt)) {
            sessions.remove(id);
            throw CognitoException.notAuthorized("Invalid session for the user, session is expired.");
        }
        return session;
    }

    void closeSession(String id) {
        sessions.remove(id);
    }

    // ---- grants and tokens ----------------------------------------------------------------

    record SignedIn(String idToken, String accessToken, String refreshToken) {
    }

    SignedIn signIn(PoolUser user) {
        Instant now = now();
        state.grants.values().removeIf(g -> !now.isBefore(g.expiresAt));
        TokenGrant grant = new TokenGrant();
        grant.originJti = UUID.randomUUID().toString();
        grant.eventId = UUID.randomUUID().toString();
        grant.username = user.username;
        grant.authTime = now;
        grant.expiresAt = now.plus(settings.refreshTokenValidity());
        byte[] bytes = new byte[128];
        RANDOM.nextBytes(bytes);
        String refreshToken = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        grant.refreshTokenHash = sha256(refreshToken);
        state.grants.put(grant.originJti, grant);
        forgetOldestGrants(user);
        TokenIssuer.Tokens issued = tokens.issue(user, grant, now);
        return new SignedIn(issued.idToken(), issued.accessToken(), refreshToken);
    }

    /**
     * Keeps at most {@link #MAX_GRANTS_PER_USER} sign-ins per user, so that a load test signing in
     * thousands of times does not make the state file grow without end; the oldest go first (their
     * tokens then count as revoked).
     */
    private void forgetOldestGrants(PoolUser user) {
        var mine = state.grants.values().stream().filter(g -> g.username.equals(user.username)).toList();
        for (int i = 0; i < mine.size() - MAX_GRANTS_PER_USER; i++) {
            state.grants.remove(mine.get(i).originJti);
        }
    }

    TokenGrant grantOfRefreshToken(String refreshToken) {
        String hash = sha256(refreshToken);
        return state.grants.values().stream().filter(g -> g.refreshTokenHash.equals(hash)).findFirst().orElse(null);
    }

    /** The user an access token speaks for, refusing expired, revoked and foreign tokens. */
    PoolUser userOfAccessToken(String accessToken) {
        TokenIssuer.AccessClaims claims = tokens.verifyAccessToken(accessToken, now());
        PoolUser user = state.users.values().stream().filter(u -> u.sub.equals(claims.sub())).findFirst().orElse(null);
        if (user == null) {
            throw CognitoException.userNotFound();
        }
        TokenGrant grant = state.grants.get(claims.originJti());
        if (grant == null || grant.revoked || !grant.username.equals(user.username)) {
            throw CognitoException.notAuthorized("Access Token has been revoked");
        }
        if (!user.enabled) {
            throw CognitoException.notAuthorized("User is disabled.");
        }
        return user;
    }

    void revokeAllGrants(PoolUser user) {
        state.grants.values().stream().filter(g -> g.username.equals(user.username)).forEach(g -> g.revoked = true);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- e-mail ---------------------------------------------------------------------------

    void sendInvitation(PoolUser user, String temporaryPassword) {
        outbox.send(now(), user.email(), "Your temporary password",
                "Your username is " + user.username + " and temporary password is " + temporaryPassword + ".");
    }

    void sendResetCode(PoolUser user) {
        user.resetCode = generateCode();
        user.resetCodeExpiresAt = now().plus(settings.resetCodeValidity());
        user.resetCodeFailures = 0;
        outbox.send(now(), user.email(), "Your verification code", "Your verification code is " + user.resetCode + ".");
    }

    /** Cognito's masked destination, e.g. {@code a***@e***}. */
    static String maskedEmail(String email) {
        if (email == null || !email.contains("@")) {
            return "***";
        }
        int at = email.indexOf('@');
        return email.charAt(0) + "***@" + email.charAt(at + 1) + "***";
    }
}
