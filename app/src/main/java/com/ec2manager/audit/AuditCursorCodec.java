package com.ec2manager.audit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a position in a query into an opaque cursor and back.
 *
 * <p>A cursor is base64url of {@code version ‖ fingerprint ‖ positions ‖ HMAC-SHA256(all before)}.
 * The fingerprint is a hash of the query (where it reads, its bounds and filters), so a cursor
 * cannot be replayed against another query; the MAC makes any alteration detectable. A position
 * names, per source partition, the key of the last record handed out, or that the source is done.
 */
public final class AuditCursorCodec {

    private static final byte VERSION = 1;
    private static final int MAC_LENGTH = 32;
    private static final int FINGERPRINT_LENGTH = 16;
    private static final int MAX_CURSOR_LENGTH = 16_384;

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(AuditCursorCodec::sha256);

    private final SecretKeySpec key;
    // a Mac is not thread-safe and costly to look up; doFinal resets it for the next use
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public AuditCursorCodec(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the cursor secret must have at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** Where one source partition stands: after {@code lastKey}, or done. */
    public record Position(AuditKey lastKey, boolean done) {

        public static final Position DONE = new Position(null, true);

        public static Position after(AuditKey key) {
            return new Position(key, false);
        }
    }

    public String encode(String queryDescription, Map<String, Position> positions) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.write(fingerprint(queryDescription));
            out.writeShort(positions.size());
            for (Map.Entry<String, Position> entry : positions.entrySet()) {
                out.writeUTF(entry.getKey());
                Position position = entry.getValue();
                out.writeBoolean(position.done());
                if (!position.done()) {
                    out.writeUTF(position.lastKey().userId());
                    out.writeUTF(position.lastKey().timestamp());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] payload = bytes.toByteArray();
        byte[] signed = Arrays.copyOf(payload, payload.length + MAC_LENGTH);
        System.arraycopy(mac(payload), 0, signed, payload.length, MAC_LENGTH);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
    }

    /**
     * The positions of a cursor issued for the same query.
     *
     * @throws InvalidAuditCursorException if the cursor is malformed, altered, or from another query
     */
    public Map<String, Position> decode(String queryDescription, String cursor) {
        if (cursor.length() > MAX_CURSOR_LENGTH) {
            throw invalid();
        }
        byte[] signed;
        try {
            signed = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (signed.length < 1 + FINGERPRINT_LENGTH + 2 + MAC_LENGTH) {
            throw invalid();
        }
        byte[] payload = Arrays.copyOf(signed, signed.length - MAC_LENGTH);
        byte[] mac = Arrays.copyOfRange(signed, payload.length, signed.length);
        if (!MessageDigest.isEqual(mac, mac(payload))) {
            throw invalid();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            if (in.readByte() != VERSION) {
                throw invalid();
            }
            byte[] fingerprint = in.readNBytes(FINGERPRINT_LENGTH);
            if (!MessageDigest.isEqual(fingerprint, fingerprint(queryDescription))) {
                throw new InvalidAuditCursorException("The cursor belongs to another query; "
                        + "repeat the query's other parameters unchanged when you pass its cursor.");
            }
            int count = in.readUnsignedShort();
            Map<String, Position> positions = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String source = in.readUTF();
                boolean done = in.readBoolean();
                positions.put(source, done ? Position.DONE : Position.after(new AuditKey(in.readUTF(), in.readUTF())));
            }
            if (in.available() != 0) {
                throw invalid();
            }
            return positions;
        } catch (IOException e) {
            throw invalid();
        }
    }

    private static InvalidAuditCursorException invalid() {
        return new InvalidAuditCursorException("The cursor is not valid; start again without one.");
    }

    private static byte[] fingerprint(String queryDescription) {
        byte[] hash = SHA_256.get().digest(queryDescription.getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(hash, FINGERPRINT_LENGTH);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] mac(byte[] payload) {
        return macs.get().doFinal(payload);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
