package com.ec2manager.identity.signin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CookieSealerTest {

    static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    final CookieSealer sealer = new CookieSealer(key(), Clock.fixed(NOW, ZoneOffset.UTC));

    static SecretKey key() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }

    @Test
    void aSealedValueOpensForTheSamePurposeBeforeItExpires() {
        String sealed = sealer.seal("ec2m_session", "tokens", NOW.plusSeconds(60));
        assertThat(sealed).doesNotContain("tokens");
        assertThat(sealer.unseal("ec2m_session", sealed)).contains("tokens");
    }

    @Test
    void aValueSealedForOneCookieIsRefusedInAnother() {
        String sealed = sealer.seal("ec2m_csrf", "token", NOW.plusSeconds(60));
        assertThat(sealer.unseal("ec2m_session", sealed)).isEmpty();
    }

    @Test
    void anExpiredValueIsRefused() {
        String sealed = sealer.seal("ec2m_session", "tokens", NOW.minusSeconds(1));
        assertThat(sealer.unseal("ec2m_session", sealed)).isEmpty();
    }

    @Test
    void aSingleChangedCharacterIsRefused() {
        String sealed = sealer.seal("ec2m_session", "tokens", NOW.plusSeconds(60));
        for (int i = 0; i < sealed.length(); i += 7) {
            char replacement = sealed.charAt(i) == 'A' ? 'B' : 'A';
            String altered = sealed.substring(0, i) + replacement + sealed.substring(i + 1);
            assertThat(sealer.unseal("ec2m_session", altered)).as("position " + i).isEmpty();
        }
    }

    @Test
    void anotherKeyCannotOpenIt() {
        String sealed = sealer.seal("ec2m_session", "tokens", NOW.plusSeconds(60));
        CookieSealer other = new CookieSealer(key(), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(other.unseal("ec2m_session", sealed)).isEmpty();
    }

    @Test
    void garbageAndEmptyValuesAreRefusedWithoutAnException() {
        assertThat(sealer.unseal("ec2m_session", null)).isEmpty();
        assertThat(sealer.unseal("ec2m_session", "")).isEmpty();
        assertThat(sealer.unseal("ec2m_session", "%%%not-base64")).isEmpty();
        assertThat(sealer.unseal("ec2m_session", "AQ")).isEmpty();
    }
}
