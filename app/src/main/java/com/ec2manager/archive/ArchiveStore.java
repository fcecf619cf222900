package com.ec2manager.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The archive bucket through the S3 SDK: the only class that speaks S3. */
public final class ArchiveStore {

    private static final Logger log = LoggerFactory.getLogger(ArchiveStore.class);

    /** An object's bytes with its user metadata. */
    public record Content(byte[] bytes, Map<String, String> metadata) {
    }

    private final S3Client s3;
    private final String bucket;

    public ArchiveStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    /** Creates the bucket when it is missing (local mode; in aws mode the CDK creates it). */
    void createBucketIfMissing() {
        try {
            s3.headBucket(r -> r.bucket(bucket));
        } catch (NoSuchBucketException missing) {
            s3.createBucket(r -> r.bucket(bucket));
            log.info("created the archive bucket {}", bucket);
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(r -> r.bucket(bucket));
            log.info("created the archive bucket {}", bucket);
        }
    }

    public void put(String key, byte[] bytes, String contentType, Map<String, String> metadata) {
        s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType).metadata(metadata),
                RequestBody.fromBytes(bytes));
    }

    /** The object, or empty when there is none under {@code key} (or no bucket yet). */
    public Optional<Content> get(String key) {
        try {
            ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key));
            return Optional.of(new Content(object.asByteArray(), object.response().metadata()));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return Optional.empty();
        }
    }

    /** Every object whose key starts with {@code prefix}, in key order; none while the bucket does not exist. */
    public List<StoredFile> list(String prefix) {
        List<StoredFile> files = new ArrayList<>();
        try {
            s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()
                    .forEach(object -> files.add(new StoredFile(object.key(), object.size(), object.lastModified())));
        } catch (NoSuchBucketException e) {
            return List.of();
        }
        return files;
    }
}
