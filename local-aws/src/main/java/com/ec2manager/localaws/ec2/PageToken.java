package com.ec2manager.localaws.ec2;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * NextToken values: opaque to clients, tied to the operation and region that issued them and
 * signed with a key of this emulator process, so that garbage and tampered tokens are refused.
 * A token carries the listing cursor rather than an offset, so instances appearing or vanishing
 * between pages neither repeat nor skip anyone.
 */
final class PageToken {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAC_BYTES = 16;

    private final SecretKeySpec key;

    PageToken() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    String issue(String operation, String region, String cursor) {
        byte[] payload = (operation + '\n' + region + '\n' + cursor).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + '.' + ENCODER.encodeToString(mac(payload));
    }

    /** The cursor in {@code token}; refuses a token not issued for this operation and region. */
    String cursor(String operation, String region, String token) {
        int dot = token.indexOf('.');
        try {
            if (dot > 0) {
                byte[] payload = DECODER.decode(token.substring(0, dot));
                byte[] mac = DECODER.decode(token.substring(dot + 1));
                if (MessageDigest.isEqual(mac, mac(payload))) {
                    String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", 3);
                    if (parts.length == 3 && parts[0].equals(operation) && parts[1].equals(region)) {
                        return parts[2];
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            // not base64: refused below like any other garbage
        }
        throw Ec2Exception.invalidParameterValue("Value ( " + token + " ) for parameter NextToken is invalid. The token is invalid.");
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
