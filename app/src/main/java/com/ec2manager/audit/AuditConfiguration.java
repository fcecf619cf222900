package com.ec2manager.audit;

import com.ec2manager.aws.MadeAtStart;
import com.ec2manager.aws.ModeDefaults;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit trail's wiring. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    /**
     * The audit table, made (local mode) or checked against the seed, beside the main thread's work
     * like the other tables: nothing is served and nothing starts before it is ACTIVE and as the seed says.
     */
    @Bean(bootstrap = Bean.Bootstrap.BACKGROUND)
    MadeAtStart auditTable(AuditTableBootstrap table, AuditProperties audit) {
        table.ensureTable();
        return new MadeAtStart(audit.tableName());
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
