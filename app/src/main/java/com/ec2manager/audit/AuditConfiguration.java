package com.ec2manager.audit;

import java.time.Clock;

import com.ec2manager.aws.ModeDefaults;
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
    AuditCursorCodec auditCursorCodec(AuditProperties audit, ModeDefaults mode) {
        if (audit.cursorSecret() != null && !audit.cursorSecret().isBlank()) {
            return new AuditCursorCodec(CursorSecrets.configured(audit.cursorSecret()));
        }
        return new AuditCursorCodec(mode.secretsFolder()
                .map(folder -> CursorSecrets.persisted(folder.resolve("audit").resolve("cursor-secret")))
                .orElseGet(CursorSecrets::perProcess));
    }
}
