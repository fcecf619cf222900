package com.ec2manager.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

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

    @Test
    void readingABodyPastTheBoundThroughTheReaderFailsAsThroughTheStream() {
        assertThatThrownBy(() -> bounded(RequestGuardFilter.MAX_BODY + 1).getReader().transferTo(java.io.Writer.nullWriter()))
                .isInstanceOf(RequestGuardFilter.BodyTooLargeException.class);
        assertThatThrownBy(() -> bounded(RequestGuardFilter.MAX_BODY + 1).getInputStream().transferTo(java.io.OutputStream.nullOutputStream()))
                .isInstanceOf(RequestGuardFilter.BodyTooLargeException.class);
    }

    @Test
    void aBodyWithinTheBoundReadsWholeThroughTheReaderInTheRequestsEncoding() throws IOException {
        MockHttpServletRequest raw = new MockHttpServletRequest("POST", "/api/v1/users");
        raw.setCharacterEncoding("UTF-8");
        raw.setContent("{\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8));
        BufferedReader reader = new RequestGuardFilter.BoundedBodyRequest(raw).getReader();
        assertThat(reader.readLine()).isEqualTo("{\"name\":\"Zoë\"}");
        assertThat(bounded(RequestGuardFilter.MAX_BODY).getReader().transferTo(java.io.Writer.nullWriter()))
                .isEqualTo(RequestGuardFilter.MAX_BODY);
    }

    @Test
    void aBodyIsReadOneWayOnly() throws IOException {
        RequestGuardFilter.BoundedBodyRequest byReader = bounded(10);
        byReader.getReader();
        assertThatThrownBy(byReader::getInputStream).isInstanceOf(IllegalStateException.class);
        RequestGuardFilter.BoundedBodyRequest byStream = bounded(10);
        byStream.getInputStream();
        assertThatThrownBy(byStream::getReader).isInstanceOf(IllegalStateException.class);
    }

    private static RequestGuardFilter.BoundedBodyRequest bounded(int bytes) {
        MockHttpServletRequest raw = new MockHttpServletRequest("POST", "/api/v1/users");
        byte[] body = new byte[bytes];
        Arrays.fill(body, (byte) 'a');
        raw.setContent(body);
        return new RequestGuardFilter.BoundedBodyRequest(raw);
    }
}
