package com.ec2manager.audit;

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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the cursor-signing key comes from; see {@link AuditProperties#cursorSecret()}. */
final class CursorSecrets {

    private static final Logger log = LoggerFactory.getLogger(CursorSecrets.class);

    private CursorSecrets() {
    }

    static byte[] configured(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalStateException("ec2manager.audit.cursor-secret must be at least 32 characters long");
        }
        return bytes;
    }

    /** A key generated once and kept in {@code file}, shared by every instance using that data folder. */
    static byte[] persisted(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(random());
                try {
                    Files.writeString(file, fresh, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    restrict(file);
                    log.info("Generated the audit cursor secret in {}", file.toAbsolutePath());
                } catch (FileAlreadyExistsException raced) {
                    // another instance on the same data folder wrote it first: use theirs
                }
            }
            byte[] bytes = Files.readString(file, StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalStateException("the audit cursor secret in " + file.toAbsolutePath()
                        + " is too short; delete the file to have a new one generated");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("the audit cursor secret in " + file.toAbsolutePath()
                    + " could not be read or written", e);
        }
    }

    static byte[] perProcess() {
        log.warn("ec2manager.audit.cursor-secret is not set: audit paging cursors are signed with a key of this "
                + "process only and will be refused by other instances or after a restart");
        return random();
    }

    private static byte[] random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system; the data folder's own permissions apply
        }
    }
}
