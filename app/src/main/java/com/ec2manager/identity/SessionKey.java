package com.ec2manager.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where the key that seals session cookies comes from. Every instance behind the load balancer
 * must hold the same key: in aws mode it is configuration (a secret); in local mode it is made
 * once and kept in the data folder, which the local instances share.
 */
final class SessionKey {

    static final String FILE_NAME = "session-secret";

    private SessionKey() {
    }

    static SecretKey fromBase64(String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ec2manager.identity.session-secret is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("ec2manager.identity.session-secret must be 32 bytes (256 bits), base64; "
                    + "make one with: openssl rand -base64 32");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** The key in {@code dataDir/session-secret}, made on first use; safe when several instances start at once. */
    static SecretKey inDataFolder(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Path temporary = Files.createTempFile(dataDir, FILE_NAME, ".tmp");
                try {
                    restrict(temporary);
                    Files.writeString(temporary, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII,
                            StandardOpenOption.TRUNCATE_EXISTING);
                    // A link is created atomically or not at all: the first instance wins, the others read its key.
                    Files.createLink(file, temporary);
                } catch (FileAlreadyExistsException raced) {
                    // another instance was first
                } finally {
                    Files.deleteIfExists(temporary);
                }
            }
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system; the data folder's own permissions apply
        }
    }
}
