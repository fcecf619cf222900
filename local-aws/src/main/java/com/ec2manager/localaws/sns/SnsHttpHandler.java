package com.ec2manager.localaws.sns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.stream.XMLStreamException;

import com.ec2manager.localaws.sts.SigV4Credential;
import com.ec2manager.localaws.wire.FormEncoding;
import com.ec2manager.localaws.wire.QueryXml;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * SNS's Query protocol (version 2010-03-31) over HTTP, served on the S3 emulator's port: the
 * request's SigV4 scope names the service {@code sns}. CreateTopic, ListTopics and Publish (with
 * message attributes), with SNS's XML answers and its {@code ErrorResponse} documents.
 */
public final class SnsHttpHandler implements HttpHandler {

    private static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

    private final SnsTopics topics;

    public SnsHttpHandler(SnsTopics topics) {
        this.topics = topics;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        QueryXml.serve(exchange, NAMESPACE, "InternalError", requestId -> answer(exchange, requestId));
    }

    private String answer(HttpExchange exchange, String requestId) throws IOException, XMLStreamException {
        Map<String, String> params;
        try {
            params = FormEncoding.decode(exchange.getRequestURI().getRawQuery(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new SnsException(400, "MalformedQueryString", "The query string contains a syntax error.");
        }
        String region = SigV4Credential.parse(exchange.getRequestHeaders().getFirst("Authorization"),
                        params.get("X-Amz-Credential")).map(SigV4Credential::region)
                .orElseThrow(() -> new SnsException(403, "MissingAuthenticationToken",
                        "Request is missing Authentication Token"));
        String action = params.get("Action");
        if ("CreateTopic".equals(action)) {
            String arn = topics.create(region, params.get("Name"));
            return response(action, requestId, xml -> QueryXml.text(xml, "TopicArn", arn));
        }
        if ("ListTopics".equals(action)) {
            return response(action, requestId, xml -> {
                xml.writeStartElement("Topics");
                for (String arn : topics.arns()) {
                    xml.writeStartElement("member");
                    QueryXml.text(xml, "TopicArn", arn);
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            });
        }
        if ("Publish".equals(action)) {
            String messageId = topics.publish(params.get("TopicArn"), params.get("Subject"), params.get("Message"),
                    attributes(params));
            return response(action, requestId, xml -> QueryXml.text(xml, "MessageId", messageId));
        }
        if (action == null || action.isEmpty()) {
            throw new SnsException(400, "MissingAction", "Missing Action");
        }
        throw new SnsException(400, "InvalidAction", "Could not find operation " + action + " for version 2010-03-31");
    }

    /** {@code MessageAttributes.entry.N.Name} with {@code .Value.StringValue} (String and Number types). */
    private static Map<String, String> attributes(Map<String, String> params) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int n = 1; params.containsKey("MessageAttributes.entry." + n + ".Name"); n++) {
            String prefix = "MessageAttributes.entry." + n + ".";
            String type = params.get(prefix + "Value.DataType");
            if (type == null || !(type.startsWith("String") || type.startsWith("Number"))) {
                throw new SnsException(400, "ParameterValueInvalid", "The message attribute '"
                        + params.get(prefix + "Name") + "' has an invalid message attribute type");
            }
            attributes.put(params.get(prefix + "Name"), params.get(prefix + "Value.StringValue"));
        }
        return attributes;
    }

    private static String response(String action, String requestId, QueryXml.Body result) throws XMLStreamException {
        return QueryXml.response(NAMESPACE, action, requestId, result);
    }
}
