package com.ec2manager.localaws.sts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import javax.xml.stream.XMLStreamException;

import com.ec2manager.localaws.wire.FormEncoding;
import com.ec2manager.localaws.wire.QueryXml;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * STS's Query protocol (version 2011-06-15) over HTTP, served on the EC2 emulator's port: the
 * request's SigV4 scope names the service {@code sts}. AssumeRole and GetCallerIdentity, with
 * STS's XML answers and its {@code ErrorResponse} documents.
 */
public final class StsHttpHandler implements HttpHandler {

    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private final StsService sts;

    public StsHttpHandler(StsService sts) {
        this.sts = sts;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        QueryXml.serve(exchange, NAMESPACE, "InternalFailure", requestId -> answer(exchange, requestId));
    }

    private String answer(HttpExchange exchange, String requestId) throws IOException, XMLStreamException {
        Map<String, String> params = form(exchange.getRequestURI().getRawQuery(),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        SigV4Credential credential = SigV4Credential.parse(exchange.getRequestHeaders().getFirst("Authorization"),
                params.get("X-Amz-Credential")).orElseThrow(() -> new StsException(403, "MissingAuthenticationToken",
                "Request is missing Authentication Token"));
        Principal caller = sts.principal(credential.accessKeyId()).orElseThrow(() ->
                new StsException(403, "ExpiredToken", "The security token included in the request is expired"));
        String action = params.get("Action");
        if ("GetCallerIdentity".equals(action)) {
            return response(action, requestId, xml -> {
                QueryXml.text(xml, "Arn", caller.arn());
                QueryXml.text(xml, "UserId", caller.principalId());
                QueryXml.text(xml, "Account", caller.accountId());
            });
        }
        if ("AssumeRole".equals(action)) {
            StsService.Session session = sts.assumeRole(caller, params.get("RoleArn"), params.get("RoleSessionName"),
                    params.get("ExternalId"), params.get("SourceIdentity"), params.get("DurationSeconds"));
            Principal assumed = session.principal();
            return response(action, requestId, xml -> {
                if (assumed.sourceIdentity() != null) {
                    QueryXml.text(xml, "SourceIdentity", assumed.sourceIdentity());
                }
                xml.writeStartElement("AssumedRoleUser");
                QueryXml.text(xml, "AssumedRoleId", assumed.principalId());
                QueryXml.text(xml, "Arn", assumed.arn());
                xml.writeEndElement();
                xml.writeStartElement("Credentials");
                QueryXml.text(xml, "AccessKeyId", assumed.accessKeyId());
                QueryXml.text(xml, "SecretAccessKey", session.secretAccessKey());
                QueryXml.text(xml, "SessionToken", session.sessionToken());
                QueryXml.text(xml, "Expiration", DateTimeFormatter.ISO_INSTANT.format(session.expiration()));
                xml.writeEndElement();
            });
        }
        if (action == null || action.isEmpty()) {
            throw new StsException(400, "MissingAction", "Missing Action");
        }
        throw new StsException(400, "InvalidAction", "Could not find operation " + action + " for version 2011-06-15");
    }

    private static String response(String action, String requestId, QueryXml.Body result) throws XMLStreamException {
        return QueryXml.response(NAMESPACE, action, requestId, result);
    }

    private static Map<String, String> form(String... parts) {
        try {
            return FormEncoding.decode(parts);
        } catch (IllegalArgumentException e) {
            throw new StsException(400, "MalformedQueryString", "The query string contains a syntax error.");
        }
    }
}
