package com.ec2manager.audit;

import com.ec2manager.aws.ModeDefaults;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit trail's wiring. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

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
