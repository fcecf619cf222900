package com.ec2manager.localaws.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The XML answers of the AWS Query protocol as STS and SNS write them: {@code <Action>Response}
 * with its {@code <Action>Result} and {@code ResponseMetadata}, or an {@code ErrorResponse}, in
 * the service's namespace.
 */
public final class QueryXml {

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private static final Logger log = LoggerFactory.getLogger(QueryXml.class);

    /** Writes the elements of a result. */
    public interface Body {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    /** A request's answer, or a {@link QueryFault} thrown. */
    public interface Answer {
        String answer(String requestId) throws IOException, XMLStreamException;
    }

    /**
     * Answers one request under a new request id: what {@code answer} writes, a {@link QueryFault}
     * as its {@code ErrorResponse}, anything else as a 500 with {@code internalCode}.
     */
    public static void serve(HttpExchange exchange, String namespace, String internalCode, Answer answer)
            throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            int status = 200;
            String body;
            try {
                body = answer.answer(requestId);
            } catch (QueryFault e) {
                status = e.status();
                body = error(namespace, e.status(), e.code(), e.getMessage(), requestId);
            } catch (RuntimeException | XMLStreamException e) {
                log.error("{} failed on request {}", namespace, requestId, e);
                status = 500;
                body = error(namespace, 500, internalCode, "An internal error has occurred", requestId);
            }
            send(exchange, status, body, requestId);
        }
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
