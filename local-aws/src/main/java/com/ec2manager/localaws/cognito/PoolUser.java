package com.ec2manager.localaws.cognito;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * One user of the pool as the emulator keeps it (and writes it to the state file). Mutable on
 * purpose: it is only ever touched under the pool's lock.
 */
final class PoolUser {

    static final String FORCE_CHANGE_PASSWORD = "FORCE_CHANGE_PASSWORD";
    static final String CONFIRMED = "CONFIRMED";
    static final String RESET_REQUIRED = "RESET_REQUIRED";

    public String username;
    public String sub;
    public Map<String, String> attributes = new LinkedHashMap<>();
    public String passwordHash;
    public String status;
    public boolean enabled = true;
    public Instant createdAt;
    public Instant lastModifiedAt;
    /** When the current temporary password was issued; null once the user chose a password. */
    public Instant temporaryPasswordIssuedAt;
    public TreeSet<String> groups = new TreeSet<>();
    /** The TOTP secret handed out by AssociateSoftwareToken and not yet verified. */
    public String pendingTotpSecret;
    /** The verified TOTP secret. */
    public String totpSecret;
    public boolean totpEnabled;
    public boolean totpPreferred;
    /** The time step of the last TOTP code accepted: a code of that step or an earlier one is a replay. */
    public long lastTotpStep = -1;
    /** Failed passwords and TOTP codes in a row (attempts refused during a lock-out not counted). */
    public int failedSignIns;
    public Instant lastFailedSignInAt;
    public Instant lockedUntil;
    public String resetCode;
    public Instant resetCodeExpiresAt;
    public int resetCodeFailures;

    String email() {
        return attributes.get("email");
    }

    boolean emailVerified() {
        return "true".equalsIgnoreCase(attributes.get("email_verified"));
    }
}
