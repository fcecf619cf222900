package com.ec2manager.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestGuardFilterTest {

    @Test
    void aQueryOfPercentEncodedUtf8NamesAndValuesIsWellFormed() {
        assertThat(RequestGuardFilter.wellFormedQuery("q=%E0%A4%A8&userId=admin%40example.com&flag&limit=20+x")).isTrue();
        assertThat(RequestGuardFilter.wellFormedQuery(null)).isTrue();
    }

    @Test
    void aValueOrNameThatDoesNotDecodeOrANameWithAControlCharacterIsNot() {
        assertThat(RequestGuardFilter.wellFormedQuery("a=%")).as("a lone percent").isFalse();
        assertThat(RequestGuardFilter.wellFormedQuery("q=%E0%A4%A")).as("a cut escape").isFalse();
        assertThat(RequestGuardFilter.wellFormedQuery("q=%E0%A4")).as("a cut UTF-8 sequence").isFalse();
        assertThat(RequestGuardFilter.wellFormedQuery("q=%zz")).as("not hex").isFalse();
        assertThat(RequestGuardFilter.wellFormedQuery("%00name=1")).as("a control character in a name").isFalse();
    }
}
