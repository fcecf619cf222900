package com.ec2manager.audit;

import java.time.Clock;

import com.ec2manager.aws.AwsProperties;
import com.ec2manager.aws.LocalStackProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit trail's wiring, and the application's clock (tests replace it). */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AuditCursorCodec auditCursorCodec(AuditProperties audit, AwsProperties aws, LocalStackProperties local) {
        byte[] secret;
        if (audit.cursorSecret() != null && !audit.cursorSecret().isBlank()) {
            secret = CursorSecrets.configured(audit.cursorSecret());
        } else if (aws.local()) {
            secret = CursorSecrets.persisted(local.dataDir().resolve("audit").resolve("cursor-secret"));
        } else {
            secret = CursorSecrets.perProcess();
        }
        return new AuditCursorCodec(secret);
    }
}
