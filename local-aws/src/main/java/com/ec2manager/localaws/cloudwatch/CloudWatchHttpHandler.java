package com.ec2manager.localaws.cloudwatch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORGenerator;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * CloudWatch's wire protocols for GetMetricData: Smithy RPC v2 CBOR, which the AWS SDK for Java
 * (2.30 and later) and recent AWS CLIs speak ({@code POST /service/GraniteServiceVersion20100801/
 * operation/GetMetricData}, {@code smithy-protocol: rpc-v2-cbor}, timestamps as CBOR tag 1), and
 * AWS JSON 1.0 ({@code X-Amz-Target: GraniteServiceVersion20100801.GetMetricData}), which older
 * clients fall back to. Errors carry the error shape in {@code __type}, as CloudWatch's do.
 */
final class CloudWatchHttpHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(CloudWatchHttpHandler.class);
    static final String SERVICE = "GraniteServiceVersion20100801";
    private static final Pattern RPC_PATH = Pattern.compile("/service/" + SERVICE + "/operation/([A-Za-z]+)");
    private static final Pattern REGION = Pattern.compile("Credential=[^/]+/\\d{8}/([a-z0-9-]+)/monitoring/");

    private final MetricData metricData;
    private final CBORMapper cbor = CBORMapper.builder().build();
    private final JsonMapper json = JsonMapper.builder().build();

    CloudWatchHttpHandler(MetricData metricData) {
        this.metricData = metricData;
    }

    private enum Wire { CBOR, JSON }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Matcher rpc = RPC_PATH.matcher(exchange.getRequestURI().getPath());
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        boolean cborCall = rpc.matches() && "rpc-v2-cbor".equals(exchange.getRequestHeaders().getFirst("smithy-protocol"));
        Wire wire = cborCall ? Wire.CBOR : Wire.JSON;
        try {
            String operation;
            if (cborCall) {
                operation = rpc.group(1);
            } else if (target != null && target.startsWith(SERVICE + ".")) {
                operation = target.substring(SERVICE.length() + 1);
            } else {
                throw new CloudWatchException("UnknownOperationException", 404,
                        "The stand-in speaks Smithy RPC v2 CBOR and AWS JSON 1.0 only.");
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                throw new CloudWatchException("UnknownOperationException", 405, "Use POST.");
            }
            if (!"GetMetricData".equals(operation)) {
                throw new CloudWatchException("UnknownOperationException", 400, "The operation " + operation
                        + " is not supported by the local CloudWatch stand-in (supported: GetMetricData).");
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode request = body.length == 0 ? json.createObjectNode() : mapper(wire).readTree(body);
            List<MetricData.Result> results = metricData.get(region(exchange), request);
            respond(exchange, wire, 200, out -> writeResults(out, wire, results));
        } catch (CloudWatchException e) {
            respond(exchange, wire, e.status, out -> writeError(out, e));
        } catch (JacksonException e) {
            respond(exchange, wire, 400, out -> writeError(out, new CloudWatchException("SerializationException", 400,
                    "The request body cannot be read: " + e.getOriginalMessage())));
        } catch (RuntimeException e) {
            log.warn("CloudWatch stand-in failed", e);
            respond(exchange, wire, 500, out -> writeError(out, new CloudWatchException("InternalServiceFault", 500,
                    "The stand-in failed: " + e)));
        } finally {
            exchange.close();
        }
    }

    private ObjectMapper mapper(Wire wire) {
        return wire == Wire.CBOR ? cbor : json;
    }

    /** The region of the request's SigV4 credential scope; us-east-1 when unsigned. */
    static String region(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher scope = authorization == null ? null : REGION.matcher(authorization);
        return scope != null && scope.find() ? scope.group(1) : "us-east-1";
    }

    private void writeResults(JsonGenerator out, Wire wire, List<MetricData.Result> results) {
        out.writeStartObject();
        out.writeName("MetricDataResults");
        out.writeStartArray();
        for (MetricData.Result result : results) {
            out.writeStartObject();
            out.writeStringProperty("Id", result.id());
            out.writeStringProperty("Label", result.label());
            out.writeName("Timestamps");
            out.writeStartArray();
            for (Instant time : result.timestamps()) {
                if (wire == Wire.CBOR) {
                    ((CBORGenerator) out).writeTag(1); // epoch seconds, as Smithy RPC v2 CBOR writes timestamps
                }
                out.writeNumber(time.getEpochSecond());
            }
            out.writeEndArray();
            out.writeName("Values");
            out.writeStartArray();
            for (double value : result.values()) {
                out.writeNumber(value);
            }
            out.writeEndArray();
            out.writeStringProperty("StatusCode", "Complete");
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeName("Messages");
        out.writeStartArray();
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void writeError(JsonGenerator out, CloudWatchException e) {
        out.writeStartObject();
        out.writeStringProperty("__type", "com.amazonaws.cloudwatch#" + e.shape);
        out.writeStringProperty("message", e.getMessage());
        out.writeEndObject();
    }

    private interface Body {
        void write(JsonGenerator out);
    }

    private void respond(HttpExchange exchange, Wire wire, int status, Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = mapper(wire).createGenerator(bytes)) {
            body.write(out);
        }
        if (wire == Wire.CBOR) {
            exchange.getResponseHeaders().set("smithy-protocol", "rpc-v2-cbor");
            exchange.getResponseHeaders().set("Content-Type", "application/cbor");
        } else {
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        }
        exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.size());
        try (OutputStream out = exchange.getResponseBody()) {
            bytes.writeTo(out);
        }
    }
}
