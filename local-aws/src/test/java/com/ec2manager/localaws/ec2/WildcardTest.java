package com.ec2manager.localaws.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WildcardTest {

    @Test
    void aValueWithoutWildcardsMatchesOnlyItselfCaseSensitively() {
        Wildcard exact = Wildcard.compile("prod-api");
        assertThat(exact.matches("prod-api")).isTrue();
        assertThat(exact.matches("Prod-api")).isFalse();
        assertThat(exact.matches("prod-api-01")).isFalse();
        assertThat(exact.matches(null)).isFalse();
    }

    @Test
    void aStarMatchesZeroOrMoreCharacters() {
        Wildcard star = Wildcard.compile("prod-*-api*");
        assertThat(star.matches("prod--api")).isTrue();
        assertThat(star.matches("prod-payments-api-03")).isTrue();
        assertThat(star.matches("prod-payments-web-03")).isFalse();
        assertThat(Wildcard.compile("*").matches("")).isTrue();
        assertThat(Wildcard.compile("**a**").matches("bab")).isTrue();
    }

    @Test
    void aQuestionMarkMatchesExactlyOneCharacter() {
        Wildcard one = Wildcard.compile("t3.?icro");
        assertThat(one.matches("t3.micro")).isTrue();
        assertThat(one.matches("t3.icro")).isFalse();
        assertThat(one.matches("t3.mmicro")).isFalse();
    }

    @Test
    void aBackslashMakesTheNextCharacterLiteral() {
        Wildcard escaped = Wildcard.compile("\\*amazon\\?\\\\");
        assertThat(escaped.matches("*amazon?\\")).isTrue();
        assertThat(escaped.matches("xamazony\\")).isFalse();
        assertThat(Wildcard.compile("a\\*b*").matches("a*bcd")).isTrue();
        assertThat(Wildcard.compile("a\\*b*").matches("axbcd")).isFalse();
    }

    @Test
    void backtrackingFindsALaterMatch() {
        assertThat(Wildcard.compile("*ab*ab").matches("xxabyyabab")).isTrue();
        assertThat(Wildcard.compile("a*b?c").matches("aXbbYbZc")).isTrue();
        assertThat(Wildcard.compile("a*b?c").matches("aXbbYbZd")).isFalse();
    }
}
