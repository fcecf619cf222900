package com.ec2manager.accounts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceIdentityTest {

    @Test
    void anEmailAddressThatFitsIsUsedAsItIs() {
        assertThat(SourceIdentity.of("alice.martin+ops@example.com")).isEqualTo("alice.martin+ops@example.com");
    }

    @Test
    void charactersStsRefusesBecomeUnderscores() {
        assertThat(SourceIdentity.of("zoë o'brien@example.com")).isEqualTo("zo__o_brien@example.com");
    }

    @Test
    void aLongAddressKeepsItsStartAndAHashSoThatTwoNeverShareAnIdentity() {
        String first = "a".repeat(70) + "@example.com";
        String second = "a".repeat(71) + "@example.com";

        assertThat(SourceIdentity.of(first)).hasSize(64).startsWith("a".repeat(55) + "-").matches("[\\w+=,.@-]{64}");
        assertThat(SourceIdentity.of(first)).isNotEqualTo(SourceIdentity.of(second));
    }

    @Test
    void aTooShortNameIsPadded() {
        assertThat(SourceIdentity.of("x")).isEqualTo("x_");
        assertThat(SourceIdentity.of(null)).isEqualTo("__");
    }
}
