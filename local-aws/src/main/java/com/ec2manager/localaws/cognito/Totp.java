package com.ec2manager.localaws.cognito;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** RFC 6238 time-based one-time passwords as authenticator apps compute them: HMAC-SHA1, 30 s, 6 digits. */
public final class Totp {

    static final long STEP_SECONDS = 30;

    private Totp() {
    }

    /** The code for {@code base32Secret} at {@code time}. */
    public static String code(String base32Secret, Instant time) {
        return code(Base32.decode(base32Secret), Math.floorDiv(time.getEpochSecond(), STEP_SECONDS));
    }

    /**
     * The time step {@code code} belongs to — that of {@code time} or one either side (clock drift) —
     * or -1 when it matches none.
     */
    static long matchingStep(String base32Secret, String code, Instant time) {
        if (code == null || !code.matches("\\d{6}")) {
            return -1;
        }
        byte[] secret = Base32.decode(base32Secret);
        long step = Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
        long matched = -1;
        for (long s = step - 1; s <= step + 1; s++) {
            if (MessageDigest.isEqual(code(secret, s).getBytes(), code.getBytes())) {
                matched = s;
            }
        }
        return matched;
    }

    static String code(byte[] secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
