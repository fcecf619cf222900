package com.ec2manager.identity.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The QR code the account page shows to enrol an authenticator app. */
class TotpQrCodeTest {

    @Test
    void theQrCodeIsAnSvgOfTheOtpauthUri() {
        String uri = TotpQrCode.otpauthUri("EC2 Manager", "ada@example.com", "JBSWY3DPEHPK3PXP");
        assertThat(uri).isEqualTo("otpauth://totp/EC2%20Manager:ada%40example.com?secret=JBSWY3DPEHPK3PXP"
                + "&issuer=EC2%20Manager&algorithm=SHA1&digits=6&period=30");
        assertThat(TotpQrCode.svg(uri)).startsWith("<svg").contains("<path d=\"M").doesNotContain("style=");
        assertThat(TotpQrCode.svgDataUri(uri)).startsWith("data:image/svg+xml;base64,");
    }
}
