package com.ec2manager.localaws.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class XmlWriterTest {

    @Test
    void markupCharactersAreEscapedAndComeBackIntact() throws Exception {
        String nasty = "<a href=\"x\">Tom & Jerry's</a> \uD83D\uDE80 ok";
        String xml = XmlWriter.response("CreateTags", "req-1", 64).element("value", nasty).finish();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("value").item(0).getTextContent()).isEqualTo(nasty);
        assertThat(doc.getDocumentElement().getNamespaceURI()).isNull();
        assertThat(doc.getDocumentElement().getAttribute("xmlns")).isEqualTo(XmlWriter.NAMESPACE);
    }

    @Test
    void charactersXmlCannotCarryAreDropped() {
        assertThat(XmlWriter.escape("a\u0000b\u0007c\uD800d\tz\r")).isEqualTo("abcd\tz&#xD;");
    }

    @Test
    void anErrorHasEc2sShape() {
        assertThat(XmlWriter.error("AuthFailure", "no <way>", "id-1")).endsWith(
                "<Response><Errors><Error><Code>AuthFailure</Code><Message>no &lt;way&gt;</Message></Error></Errors>"
                        + "<RequestID>id-1</RequestID></Response>");
    }
}
