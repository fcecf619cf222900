package com.ec2manager.localaws.s3;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Writes S3's XML answers: elements with escaped text in S3's namespace. */
final class S3Xml {

    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final StringBuilder out = new StringBuilder(512).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

    private S3Xml() {
    }

    static S3Xml document(String root) {
        S3Xml xml = new S3Xml();
        xml.out.append('<').append(root).append(" xmlns=\"").append(NAMESPACE).append("\">");
        return xml;
    }

    static String error(String code, String message, String resource, String requestId) {
        S3Xml xml = new S3Xml();
        xml.out.append("<Error>");
        xml.element("Code", code).element("Message", message).element("Resource", resource)
                .element("RequestId", requestId);
        return xml.end("Error").toString();
    }

    S3Xml start(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    S3Xml end(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** An element with text; nothing when {@code text} is null. */
    S3Xml element(String name, Object text) {
        if (text == null) {
            return this;
        }
        out.append('<').append(name).append('>');
        escape(text instanceof Instant time ? TIME.format(time) : text.toString());
        out.append("</").append(name).append('>');
        return this;
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\r' -> out.append("&#13;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        out.append(c);
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
