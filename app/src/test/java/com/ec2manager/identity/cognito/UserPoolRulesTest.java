package com.ec2manager.identity.cognito;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The user pool's own rules: its password policy, its search filter, its secret hash. */
class UserPoolRulesTest {

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
    void aUserSearchBecomesOneEscapedPrefixFilter() {
        assertThat(new UserSearch(UserSearch.Field.EMAIL, "ada").filter()).isEqualTo("email ^= \"ada\"");
        assertThat(new UserSearch(UserSearch.Field.FAMILY_NAME, "O\"Brien\\").filter())
                .isEqualTo("family_name ^= \"O\\\"Brien\\\\\"");
        assertThat(new UserSearch(null, "  ").filter()).isNull();
    }

    @Test
    void theSecretHashIsCognitosHmacOfUserNameAndClientId() {
        // HMAC-SHA256("secret", "aliceclient"), computed independently with openssl
        assertThat(CognitoGateway.secretHash("secret", "alice", "client"))
                .isEqualTo("RTsve+FQ659UKyESgvLg9GYmZEL+QjzQsW/OjL77/b0=");
    }
}
