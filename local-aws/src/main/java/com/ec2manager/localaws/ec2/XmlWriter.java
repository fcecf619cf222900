package com.ec2manager.localaws.ec2;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes an EC2 response document. Text is escaped for XML 1.0: markup characters become
 * entities and characters XML cannot carry (most control characters, lone surrogates) are
 * dropped, so any tag value a client stored comes back as well-formed XML.
 */
final class XmlWriter {

    static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final StringBuilder out;
    private final Deque<String> open = new ArrayDeque<>();

    private XmlWriter(int capacity) {
        this.out = new StringBuilder(capacity);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }

    /** A response document whose root element is {@code <Operation>Response} in EC2's namespace. */
    static XmlWriter response(String operation, String requestId, int capacity) {
        XmlWriter xml = new XmlWriter(capacity);
        String root = operation + "Response";
        xml.out.append('<').append(root).append(" xmlns=\"").append(NAMESPACE).append("\">");
        xml.open.push(root);
        xml.element("requestId", requestId);
        return xml;
    }

    /** EC2's error document; errors carry no namespace. */
    static String error(String code, String message, String requestId) {
        XmlWriter xml = new XmlWriter(256);
        xml.start("Response").start("Errors").start("Error")
                .element("Code", code).element("Message", message)
                .end().end().element("RequestID", requestId);
        return xml.finish();
    }

    XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    XmlWriter end() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** An element with text; nothing when {@code text} is null, an empty element when it is empty. */
    XmlWriter element(String name, String text) {
        if (text == null) {
            return this;
        }
        if (text.isEmpty()) {
            out.append('<').append(name).append("/>");
            return this;
        }
        out.append('<').append(name).append('>');
        escape(text, out);
        out.append("</").append(name).append('>');
        return this;
    }

    XmlWriter element(String name, long value) {
        out.append('<').append(name).append('>').append(value).append("</").append(name).append('>');
        return this;
    }

    XmlWriter element(String name, boolean value) {
        out.append('<').append(name).append('>').append(value).append("</").append(name).append('>');
        return this;
    }

    XmlWriter element(String name, Instant time) {
        return time == null ? this : element(name, TIME.format(time));
    }

    XmlWriter empty(String name) {
        out.append('<').append(name).append("/>");
        return this;
    }

    String finish() {
        while (!open.isEmpty()) {
            end();
        }
        return out.toString();
    }

    static void escape(String text, StringBuilder out) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#xD;");
                default -> {
                    if (Character.isHighSurrogate(c)) {
                        if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                            out.append(c).append(text.charAt(++i));
                        }
                    } else if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF && !Character.isLowSurrogate(c)
                            || c == '\t' || c == '\n') {
                        out.append(c);
                    }
                }
            }
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        escape(text, out);
        return out.toString();
    }
}
