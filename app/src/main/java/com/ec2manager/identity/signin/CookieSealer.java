package com.ec2manager.identity.signin;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals a value for a cookie with AES-256-GCM: confidential (the browser cannot read the tokens)
 * and authenticated (nobody without the key can make or alter one). The purpose (the cookie's
 * name) is bound as associated data, so a value sealed for one cookie is refused in another,
 * and an expiry is sealed inside, so a stolen old cookie stops working even if replayed.
 *
 * <p>Layout: base64url( 0x01 | 12-byte nonce | ciphertext and tag of ( expiry epoch seconds | value ) ).
 */
public final class CookieSealer {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CookieSealer(SecretKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    public String seal(String purpose, String value, Instant expiresAt) {
        byte[] plain = value.getBytes(StandardCharsets.UTF_8);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(ByteBuffer.allocate(Long.BYTES + plain.length)
                    .putLong(expiresAt.getEpochSecond()).put(plain).array());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer
                    .allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The value, or empty when the cookie is malformed, forged, altered, for another purpose or expired. */
    public Optional<String> unseal(String purpose, String sealed) {
        if (sealed == null || sealed.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(sealed);
            if (bytes.length < 1 + NONCE_BYTES + TAG_BITS / 8 + Long.BYTES || bytes[0] != VERSION) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            ByteBuffer plain = ByteBuffer.wrap(cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES));
            long expiresAt = plain.getLong();
            if (clock.instant().getEpochSecond() >= expiresAt) {
                return Optional.empty();
            }
            byte[] value = new byte[plain.remaining()];
            plain.get(value);
            return Optional.of(new String(value, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
