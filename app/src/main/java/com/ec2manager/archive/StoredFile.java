package com.ec2manager.archive;

import java.time.Instant;

/**
 * An object of the archive bucket as a listing shows it.
 *
 * @param key          its key
 * @param size         its length in bytes
 * @param lastModified when it was written
 */
public record StoredFile(String key, long size, Instant lastModified) {
}
