package com.ec2manager.infra;

import java.util.Optional;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.kms.KeySpec;
import software.amazon.awscdk.services.kms.KeyUsage;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.ObjectLockRetention;
import software.constructs.Construct;

/**
 * Where the audit trail outlives the table's 31 days: a versioned bucket with Object Lock in
 * compliance mode (no one, the root user included, can delete or overwrite an archive file or
 * digest before its retention ends), and the asymmetric KMS key that signs the digests.
 * Retention: context {@code archiveRetentionDays}, default 400.
 */
public final class AuditArchive extends Construct {

    public static final int DEFAULT_RETENTION_DAYS = 400;

    private final Bucket bucket;
    private final Key digestKey;

    public AuditArchive(Construct scope, String id) {
        super(scope, id);
        int retentionDays = Optional.ofNullable(scope.getNode().tryGetContext("archiveRetentionDays"))
                .map(value -> Integer.parseInt(value.toString().trim()))
                .orElse(DEFAULT_RETENTION_DAYS);
        bucket = Bucket.Builder.create(this, "Bucket")
                .versioned(true)
                .objectLockEnabled(true)
                .objectLockDefaultRetention(ObjectLockRetention.compliance(Duration.days(retentionDays)))
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                // the archive outlives the stack that created it
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        digestKey = Key.Builder.create(this, "DigestKey")
                .description("EC2 Manager: signs the audit archive's digests")
                .keySpec(KeySpec.ECC_NIST_P256)
                .keyUsage(KeyUsage.SIGN_VERIFY)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    public Bucket bucket() {
        return bucket;
    }

    public Key digestKey() {
        return digestKey;
    }
}
