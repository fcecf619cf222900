package com.ec2manager.localaws.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class TotpTest {

    // RFC 6238 appendix B: the SHA-1 seed, whose 8-digit codes end in these 6 digits
    private static final String RFC_SECRET = Base32.encode("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void codesMatchTheRfcTestVectors() {
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
    }

    @Test
    void oneStepOfDriftEitherWayIsAcceptedAndTwoAreNot() {
        Instant now = Instant.ofEpochSecond(1_700_000_000);
        long step = now.getEpochSecond() / 30;
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, now.minusSeconds(30)), now)).isEqualTo(step - 1);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, now.plusSeconds(30)), now)).isEqualTo(step + 1);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, now.minusSeconds(60)), now)).isEqualTo(-1);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, now.plusSeconds(60)), now)).isEqualTo(-1);
    }

    @Test
    void malformedCodesNeverMatch() {
        Instant now = Instant.ofEpochSecond(1_700_000_000);
        assertThat(Totp.matchingStep(RFC_SECRET, null, now)).isEqualTo(-1);
        assertThat(Totp.matchingStep(RFC_SECRET, "12345", now)).isEqualTo(-1);
        assertThat(Totp.matchingStep(RFC_SECRET, "abcdef", now)).isEqualTo(-1);
    }

    @Test
    void base32RoundTripsAnyBytes() {
        byte[] bytes = new byte[20];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37 + 11);
        }
        String encoded = Base32.encode(bytes);
        assertThat(encoded).hasSize(32).matches("[A-Z2-7]+");
        assertThat(Base32.decode(encoded)).isEqualTo(bytes);
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
    }
}
