package com.ec2manager.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small rules of the identity package, each on its own. */
class IdentityRulesTest {

    @Test
    void thePasswordPolicyNamesEveryMissingRule() {
        assertThat(PasswordPolicy.violations("Good-Password-1")).isEmpty();
        assertThat(PasswordPolicy.violations("Short-1!")).containsExactly("at least 12 characters");
        assertThat(PasswordPolicy.violations("lower-case-only-1")).containsExactly("an upper-case letter");
        assertThat(PasswordPolicy.violations("UPPER-CASE-ONLY-1")).containsExactly("a lower-case letter");
        assertThat(PasswordPolicy.violations("No-Digits-At-All")).containsExactly("a digit");
        assertThat(PasswordPolicy.violations("NoSymbolsHere123")).containsExactly("a symbol such as ! @ # $ % & *");
        assertThat(PasswordPolicy.violations("")).hasSize(5);
        assertThatThrownBy(() -> PasswordPolicy.check("weak")).isInstanceOf(PasswordPolicyException.class)
                .hasMessageContaining("at least 12 characters").hasMessageContaining("a digit");
    }

    @Test
    void aChosenPasswordMustBeTypedTheSameTwiceAndKeepThePolicy() {
        PasswordPolicy.checkChosen("Good-Password-1", "Good-Password-1");
        assertThatThrownBy(() -> PasswordPolicy.checkChosen("Good-Password-1", "Good-Password-2"))
                .isInstanceOf(PasswordPolicyException.class).hasMessage("The two passwords are not the same.");
        assertThatThrownBy(() -> PasswordPolicy.checkChosen("weak", "weak"))
                .isInstanceOf(PasswordPolicyException.class).hasMessageContaining("at least 12 characters");
    }

    @Test
    void aTypedTotpCodeIsSixDigitsWithSpacesAllowed() {
        assertThat(TotpCodeInput.digits("123 456")).isEqualTo("123456");
        assertThat(TotpCodeInput.digits(" 012345\t")).isEqualTo("012345");
        for (String wrong : new String[] {"12345", "1234567", "12a456", ""}) {
            assertThatThrownBy(() -> TotpCodeInput.digits(wrong)).isInstanceOf(InvalidCodeException.class)
                    .hasMessage("The code has six digits.");
        }
    }

    @Test
    void onlyPathsOfThisSiteAreFollowedAfterSignIn() {
        assertThat(Redirects.safeNext("/instances?region=eu-west-1")).isEqualTo("/instances?region=eu-west-1");
        assertThat(Redirects.safeNext("https://evil.example/")).isEqualTo("/");
        assertThat(Redirects.safeNext("//evil.example/")).isEqualTo("/");
        assertThat(Redirects.safeNext("/\\evil.example/")).isEqualTo("/");
        assertThat(Redirects.safeNext("/a\r\nSet-Cookie: x=y")).isEqualTo("/");
        assertThat(Redirects.safeNext(null)).isEqualTo("/");
    }

    @Test
    void aUserSearchBecomesOneEscapedPrefixFilter() {
        assertThat(new UserSearch(UserSearch.Field.EMAIL, "ada").filter()).isEqualTo("email ^= \"ada\"");
        assertThat(new UserSearch(UserSearch.Field.FAMILY_NAME, "O\"Brien\\").filter())
                .isEqualTo("family_name ^= \"O\\\"Brien\\\\\"");
        assertThat(new UserSearch(null, "  ").filter()).isNull();
    }

    @Test
    void aNewUserIsTrimmedAndEveryProblemIsNamedAtOnce() {
        NewUser valid = UserAdministration.validate(new NewUser(" Ada ", "Lovelace", " Ada@Example.COM ", Role.ADMIN, " "));
        assertThat(valid).isEqualTo(new NewUser("Ada", "Lovelace", "ada@example.com", Role.ADMIN, null));
        assertThatThrownBy(() -> UserAdministration.validate(new NewUser("", null, "not-an-address", null, null)))
                .isInstanceOf(InvalidUserInputException.class)
                .hasMessageContaining("given name is required").hasMessageContaining("family name is required")
                .hasMessageContaining("e-mail address is not valid").hasMessageContaining("role must be admin or readonly");
    }

    @Test
    void theSecretHashIsCognitosHmacOfUserNameAndClientId() {
        // HMAC-SHA256("secret", "aliceclient"), computed independently with openssl
        assertThat(CognitoGateway.secretHash("secret", "alice", "client"))
                .isEqualTo("RTsve+FQ659UKyESgvLg9GYmZEL+QjzQsW/OjL77/b0=");
    }

    @Test
    void theSessionKeyIsMadeOnceAndSharedThroughTheDataFolder(@TempDir Path dataDir) throws Exception {
        var first = SessionKey.inDataFolder(dataDir);
        var second = SessionKey.inDataFolder(dataDir);
        assertThat(second.getEncoded()).isEqualTo(first.getEncoded()).hasSize(32);
        assertThat(Base64.getDecoder().decode(Files.readString(dataDir.resolve("session-secret")))).isEqualTo(first.getEncoded());
    }

    @Test
    void aConfiguredSessionSecretIsEitherThirtyTwoBase64BytesOrALongSecretToDeriveFrom() {
        String base64 = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(SessionKey.fromConfiguration(base64).getEncoded()).isEqualTo(new byte[32]);
        String generated = "Q7tWz0kX9mP2vR4sN8yB1cD6fG3hJ5lA0eU7iO9pKqLwZxYvTtSsRrMmNnBbVvCc"; // like Secrets Manager's
        var derived = SessionKey.fromConfiguration(generated);
        assertThat(derived.getEncoded()).hasSize(32).isEqualTo(SessionKey.fromConfiguration(generated).getEncoded());
        assertThat(derived.getEncoded()).isNotEqualTo(SessionKey.fromConfiguration(generated + "x").getEncoded());
        assertThatThrownBy(() -> SessionKey.fromConfiguration("c2hvcnQ=")).hasMessageContaining("32");
    }

    @Test
    void aWebSessionSurvivesItsCookieFormat() {
        WebSession session = new WebSession("a.b.c", "refresh", "user", "ada@example.com", java.time.Instant.parse("2025-06-01T08:00:00Z"));
        assertThat(WebSession.deserialize(session.serialize())).contains(session);
        assertThat(WebSession.deserialize("only\ntwo")).isEmpty();
    }

    @Test
    void theQrCodeIsAnSvgOfTheOtpauthUri() {
        String uri = TotpQrCode.otpauthUri("EC2 Manager", "ada@example.com", "JBSWY3DPEHPK3PXP");
        assertThat(uri).isEqualTo("otpauth://totp/EC2%20Manager:ada%40example.com?secret=JBSWY3DPEHPK3PXP"
                + "&issuer=EC2%20Manager&algorithm=SHA1&digits=6&period=30");
        assertThat(TotpQrCode.svg(uri)).startsWith("<svg").contains("<path d=\"M").doesNotContain("style=");
        assertThat(TotpQrCode.svgDataUri(uri)).startsWith("data:image/svg+xml;base64,");
    }
}
