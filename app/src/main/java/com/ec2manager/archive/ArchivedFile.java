package com.ec2manager.archive;

/**
 * An archive file just written, as the digest of its interval lists it.
 *
 * @param key     its key in the bucket
 * @param sha256  the hex SHA-256 of its bytes
 * @param records how many records it holds
 */
public record ArchivedFile(String key, String sha256, int records) {
}
