package com.ec2manager.identity.signin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import com.ec2manager.identity.cognito.InvalidCodeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small rules of signing in and of the session cookie, each on its own. */
class SignInRulesTest {

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
}
