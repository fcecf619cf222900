package com.ec2manager.localmode;

import com.ec2manager.identity.cognito.CognitoGateway;
import com.ec2manager.localaws.cognito.CognitoEmulatorSettings;
import com.ec2manager.localaws.cognito.SeedUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;

/**
 * Says at start-up how to sign in as the seeded administrator and reader. Only
 * users still present in the pool are named; their seeded passwords are local-only demo values.
 */
class LocalSignInHint {

    private static final Logger log = LoggerFactory.getLogger(LocalSignInHint.class);

    private final CognitoGateway cognito;

    LocalSignInHint(CognitoGateway cognito) {
        this.cognito = cognito;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        String url = event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null
                ? "http://" + event.getApplicationContext().getEnvironment().getProperty("server.address", "127.0.0.1")
                  + ":" + web.getWebServer().getPort() + "/sign-in"
                : "/sign-in";
        StringBuilder hint = new StringBuilder("Local mode: sign in at ").append(url);
        for (SeedUser seed : CognitoEmulatorSettings.defaultSeedUsers()) {
            try {
                if (cognito.subOf(seed.email()).isPresent()) {
                    hint.append(System.lineSeparator()).append("  ").append(seed.role()).append(": ")
                            .append(seed.email()).append(" / ").append(seed.password());
                }
            } catch (RuntimeException e) {
                log.debug("cannot check the seeded user {}: {}", seed.email(), e.toString());
            }
        }
        hint.append(System.lineSeparator()).append("  (e-mails Cognito would send land in the emulator's outbox)");
        log.info("{}", hint);
    }
}
