package com.ec2manager.archive;

import java.time.Clock;

import com.ec2manager.aws.MadeAtStart;
import com.ec2manager.aws.ModeDefaults;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.s3.S3Client;

/** The archive bucket, its reader, and the stream's sink into it. */
@Configuration(proxyBeanMethods = false)
class ArchiveConfiguration {

    @Bean
    ArchiveStore archiveStore(S3Client s3, ArchiveProperties archive) {
        return new ArchiveStore(s3, archive.bucket());
    }

    @Bean
    ArchiveReader archiveReader(ArchiveStore store) {
        return new ArchiveReader(store);
    }

    @Bean
    ArchivedAuditItems archivedAuditItems(ArchiveReader reader) {
        return new ArchivedAuditItems(reader);
    }

    /** The bucket the archive writes to, when the mode (or {@code create-bucket}) says to make it. */
    @Bean(bootstrap = Bean.Bootstrap.BACKGROUND)
    @ConditionalOnProperty(name = "ec2manager.stream.enabled", havingValue = "true", matchIfMissing = true)
    MadeAtStart archiveBucket(ArchiveStore store, ArchiveProperties archive, ModeDefaults mode) {
        return MadeAtStart.ifWanted(archive.createBucket() != null ? archive.createBucket() : mode.createsTables(),
                archive.bucket(), store::createBucketIfMissing);
    }

    @Bean
    @ConditionalOnProperty(name = "ec2manager.stream.enabled", havingValue = "true", matchIfMissing = true)
    ArchiveSink archiveSink(ArchiveStore store, ArchiveFileListener digests, ArchiveProperties archive, Clock clock) {
        return new ArchiveSink(store, digests, archive.interval(), archive.maxBuffered(), clock);
    }
}
