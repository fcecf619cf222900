package com.ec2manager.localaws.cognito;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordPolicyTest {

    private final PasswordPolicy policy = PasswordPolicy.seed();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Short1!a         | Password not long enough",
            "ALLUPPER123456!  | Password must have lowercase characters",
            "alllower123456!  | Password must have uppercase characters",
            "NoDigitsHere!!ab | Password must have numeric characters",
            "NoSymbols123abcD | Password must have symbol characters",
    })
    void eachRuleIsCheckedWithCognitosMessage(String password, String rule) {
        assertThatThrownBy(() -> policy.check(password))
                .isInstanceOfSatisfying(CognitoException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.type()).isEqualTo("InvalidPasswordException");
                    org.assertj.core.api.Assertions.assertThat(e.getMessage())
                            .isEqualTo("Password did not conform with policy: " + rule);
                });
    }

    @Test
    void elevenCharactersAreTooFewAndTwelveAreEnough() {
        assertThatThrownBy(() -> policy.check("Abcdefgh1!x")).hasMessageEndingWith("Password not long enough");
        assertThatCode(() -> policy.check("Abcdefgh1!xy")).doesNotThrowAnyException();
    }

    @Test
    void everyCognitoSymbolCounts() {
        for (char symbol : PasswordPolicy.SYMBOLS.toCharArray()) {
            assertThatCode(() -> policy.check("Abcdefgh12" + symbol + "z")).doesNotThrowAnyException();
        }
    }

    @Test
    void aLeadingOrTrailingSpaceIsRefused() {
        assertThatThrownBy(() -> policy.check(" Abcdefgh12!z")).isInstanceOf(CognitoException.class);
        assertThatThrownBy(() -> policy.check("Abcdefgh12!z ")).isInstanceOf(CognitoException.class);
    }

    @Test
    void generatedTemporaryPasswordsSatisfyThePolicy() {
        UserPool pool = new UserPool(CognitoEmulatorSettings.defaults("127.0.0.1", 0, java.nio.file.Path.of("unused")),
                java.time.Clock.systemUTC(), new PoolState(), null, null, null);
        for (int i = 0; i < 200; i++) {
            String password = pool.generateTemporaryPassword();
            assertThatCode(() -> policy.check(password)).as(password).doesNotThrowAnyException();
        }
    }
}
