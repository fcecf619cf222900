package com.ec2manager.localaws.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import com.sun.net.httpserver.HttpExchange;

/**
 * The XML answers of the AWS Query protocol as STS and SNS write them: {@code <Action>Response}
 * with its {@code <Action>Result} and {@code ResponseMetadata}, or an {@code ErrorResponse}, in
 * the service's namespace.
 */
public final class QueryXml {

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    /** Writes the elements of a result. */
    public interface Body {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    private QueryXml() {
    }

    public static String response(String namespace, String action, String requestId, Body result)
            throws XMLStreamException {
        StringWriter out = new StringWriter();
        XMLStreamWriter xml = XML.createXMLStreamWriter(out);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement(action + "Response");
        xml.writeDefaultNamespace(namespace);
        xml.writeStartElement(action + "Result");
        result.write(xml);
        xml.writeEndElement();
        xml.writeStartElement("ResponseMetadata");
        text(xml, "RequestId", requestId);
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
        return out.toString();
    }

    /** An {@code ErrorResponse}: {@code Sender} for a 4xx status, {@code Receiver} for a 5xx. */
    public static String error(String namespace, int status, String code, String message, String requestId) {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter xml = XML.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("ErrorResponse");
            xml.writeDefaultNamespace(namespace);
            xml.writeStartElement("Error");
            text(xml, "Type", status >= 500 ? "Receiver" : "Sender");
            text(xml, "Code", code);
            text(xml, "Message", message);
            xml.writeEndElement();
            text(xml, "RequestId", requestId);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
            return out.toString();
        } catch (XMLStreamException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    /** Sends {@code body} as the answer, {@code text/xml} with the request id. */
    public static void send(HttpExchange exchange, int status, String body, String requestId) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
