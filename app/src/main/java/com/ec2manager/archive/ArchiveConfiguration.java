package com.ec2manager.archive;

import java.time.Clock;

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

    @Bean
    @ConditionalOnProperty(name = "ec2manager.stream.enabled", havingValue = "true", matchIfMissing = true)
    ArchiveSink archiveSink(ArchiveStore store, ArchiveFileListener digests, ArchiveProperties archive,
                            ModeDefaults mode, Clock clock) {
        if (archive.createBucket() != null ? archive.createBucket() : mode.createsTables()) {
            store.createBucketIfMissing();
        }
        return new ArchiveSink(store, digests, archive.interval(), archive.maxBuffered(), clock);
    }
}
