package com.ec2manager.integrity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;

import com.ec2manager.action.AuditedActions;
import com.ec2manager.archive.ArchiveProperties;
import com.ec2manager.archive.ArchiveReader;
import com.ec2manager.archive.ArchiveStore;
import com.ec2manager.audit.AuditProperties;
import com.ec2manager.aws.ModeDefaults;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/** The digest key, this instance's digest writer and the verifier. */
@Configuration(proxyBeanMethods = false)
class IntegrityConfiguration {

    @Bean
    DigestSigner digestSigner(IntegrityProperties integrity, ModeDefaults mode, KmsClient kms) {
        if (integrity.kmsKeyId() == null && mode.secretsFolder().isPresent()) {
            return LocalDigestKey.inFolder(mode.secretsFolder().get().resolve("integrity"));
        }
        // without a key the instances that write digests refuse to start (digestWriter); others may still serve
        return new KmsDigestSigner(kms, integrity.kmsKeyId() == null || integrity.kmsKeyId().isBlank()
                ? null : integrity.kmsKeyId());
    }

    @Bean
    @ConditionalOnProperty(name = "ec2manager.stream.enabled", havingValue = "true", matchIfMissing = true)
    DigestWriter digestWriter(ArchiveStore store, DigestSigner signer, IntegrityProperties integrity,
                              ArchiveProperties archive, ModeDefaults mode,
                              @Value("${server.port:8080}") int serverPort, Clock clock) {
        if (signer instanceof KmsDigestSigner kms && !kms.configured()) {
            throw new IllegalStateException(KmsDigestSigner.REQUIRED);
        }
        String writer = integrity.writer() != null && !integrity.writer().isBlank() ? integrity.writer()
                : mode.secretsFolder().isPresent() ? "local-" + serverPort : hostName();
        return new DigestWriter(store, signer, writer, archive.interval(), clock);
    }

    @Bean
    TamperAlarms tamperAlarms(ArchiveStore store, AuditedActions kernel, MeterRegistry meters,
                              List<TamperAlarmListener> listeners, Clock clock) {
        return new TamperAlarms(new TamperAlarmStore(store), kernel, meters, listeners, clock);
    }

    @Bean
    TamperAlarmPendingJudge tamperAlarmPendingJudge(ArchiveStore store, com.ec2manager.aws.AwsProperties aws) {
        return new TamperAlarmPendingJudge(new TamperAlarmStore(store), aws.timeouts().s3Call());
    }

    @Bean
    AuditVerifier auditVerifier(ArchiveStore store, ArchiveReader reader, DigestSigner signer, DynamoDbClient dynamoDb,
                                AuditProperties audit, ArchiveProperties archive, Clock clock) {
        return new AuditVerifier(store, reader, signer, new LiveAuditTable(dynamoDb, audit.tableName()),
                archive.interval(), clock);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "instance";
        }
    }
}
