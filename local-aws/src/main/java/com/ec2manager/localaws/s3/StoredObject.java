package com.ec2manager.localaws.s3;

import java.time.Instant;
import java.util.Map;

/**
 * What the emulator keeps about an object besides its bytes.
 *
 * @param key          the object's key
 * @param size         its length in bytes
 * @param etag         the hex MD5 of its bytes, as S3 gives for single-part uploads
 * @param lastModified when it was written
 * @param contentType  the Content-Type it was written with
 * @param headers      the stored headers given back on GET and HEAD: {@code x-amz-meta-*} and the
 *                     object-lock settings, names in lower case
 */
record StoredObject(String key, long size, String etag, Instant lastModified, String contentType,
                    Map<String, String> headers) {
}
