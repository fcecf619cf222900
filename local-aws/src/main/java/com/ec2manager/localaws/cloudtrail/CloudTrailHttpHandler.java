package com.ec2manager.localaws.cloudtrail;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import com.ec2manager.localaws.sts.Principal;
import com.ec2manager.localaws.sts.SigV4Credential;
import com.ec2manager.localaws.sts.StsService;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * CloudTrail's {@code LookupEvents} (JSON 1.1, {@code X-Amz-Target:
 * com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents}) on the EC2 emulator's
 * port: the events of the caller's account in the signed region, newest first, each with
 * CloudTrail's record as a JSON string in {@code CloudTrailEvent}.
 */
public final class CloudTrailHttpHandler implements HttpHandler {

    public static final String TARGET_PREFIX = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
    private static final Logger log = LoggerFactory.getLogger(CloudTrailHttpHandler.class);
    private static final String JSON_11 = "application/x-amz-json-1.1";
    private static final int MAX_RESULTS = 50;
    private static final Map<String, Function<TrailEvent, List<String>>> ATTRIBUTES = Map.of(
            "EventId", e -> List.of(e.eventId()),
            "EventName", e -> List.of(e.eventName()),
            "ReadOnly", e -> List.of("false"),
            "Username", e -> List.of(e.principal().userName()),
            "ResourceType", e -> e.resources().isEmpty() ? List.of() : List.of("AWS::EC2::Instance"),
            "ResourceName", TrailEvent::resources,
            "EventSource", e -> List.of(e.eventSource()),
            "AccessKeyId", e -> List.of(e.principal().accessKeyId()));

    private final CloudTrail trail;
    private final StsService sts;
    private final JsonMapper json = JsonMapper.builder().build();

    public CloudTrailHttpHandler(CloudTrail trail, StsService sts) {
        this.trail = trail;
        this.sts = sts;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            try {
                send(exchange, 200, json.writeValueAsString(answer(exchange)));
            } catch (TrailException e) {
                exchange.getResponseHeaders().set("x-amzn-ErrorType", e.type + ":");
                send(exchange, e.status, json.writeValueAsString(json.createObjectNode()
                        .put("__type", e.type).put("message", e.getMessage())));
            } catch (RuntimeException e) {
                log.error("CloudTrail stand-in failed on request {}", requestId, e);
                send(exchange, 500, "{\"__type\":\"InternalFailure\",\"message\":\"An internal error has occurred\"}");
            }
        }
    }

    private ObjectNode answer(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target == null ? "" : target.substring(Math.min(target.length(), TARGET_PREFIX.length()));
        SigV4Credential credential = SigV4Credential.parse(exchange.getRequestHeaders().getFirst("Authorization"), null)
                .orElseThrow(() -> new TrailException(400, "MissingAuthenticationTokenException",
                        "Missing Authentication Token"));
        Principal caller = sts.principal(credential.accessKeyId()).orElseThrow(() ->
                new TrailException(400, "ExpiredTokenException", "The security token included in the request is expired"));
        if (target == null || !target.startsWith(TARGET_PREFIX) || !operation.equals("LookupEvents")) {
            throw new TrailException(400, "UnknownOperationException", null);
        }
        JsonNode request = parse(exchange.getRequestBody().readAllBytes());
        Predicate<TrailEvent> wanted = e -> e.accountId().equals(caller.accountId())
                && e.region().equals(credential.region());
        wanted = wanted.and(lookupAttribute(request.path("LookupAttributes")));
        Instant start = time(request.get("StartTime"));
        Instant end = time(request.get("EndTime"));
        if (start != null && end != null && start.isAfter(end)) {
            throw new TrailException(400, "InvalidTimeRangeException", "Start time must be before end time.");
        }
        wanted = wanted.and(e -> (start == null || !e.eventTime().isBefore(start)) && (end == null || !e.eventTime().isAfter(end)));
        int max = request.hasNonNull("MaxResults") ? request.get("MaxResults").asInt() : MAX_RESULTS;
        if (max < 1 || max > MAX_RESULTS) {
            throw new TrailException(400, "InvalidMaxResultsException", "Value " + max
                    + " for MaxResults is invalid; it must be between 1 and 50.");
        }
        List<TrailEvent> events = trail.events(wanted);
        int from = 0;
        if (request.hasNonNull("NextToken")) {
            String token = request.get("NextToken").asString();
            from = -1;
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).eventId().equals(token)) {
                    from = i + 1;
                }
            }
            if (from < 0) {
                throw new TrailException(400, "InvalidNextTokenException", "Invalid NextToken.");
            }
        }
        ObjectNode response = json.createObjectNode();
        ArrayNode items = response.putArray("Events");
        int to = Math.min(events.size(), from + max);
        for (TrailEvent event : events.subList(from, to)) {
            items.add(summary(event));
        }
        if (to < events.size()) {
            response.put("NextToken", events.get(to - 1).eventId());
        }
        return response;
    }

    private static Predicate<TrailEvent> lookupAttribute(JsonNode attributes) {
        if (attributes.isMissingNode() || attributes.isNull() || attributes.isEmpty()) {
            return e -> true;
        }
        if (!attributes.isArray() || attributes.size() > 1) {
            throw new TrailException(400, "InvalidLookupAttributesException",
                    "You can only specify one lookup attribute.");
        }
        String key = attributes.get(0).path("AttributeKey").asString("");
        String value = attributes.get(0).path("AttributeValue").asString("");
        Function<TrailEvent, List<String>> field = ATTRIBUTES.get(key);
        if (field == null || value.isEmpty()) {
            throw new TrailException(400, "InvalidLookupAttributesException",
                    "The lookup attribute key " + key + " or its value is invalid.");
        }
        return e -> field.apply(e).contains(value);
    }

    private static Instant time(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return Instant.ofEpochMilli(value.decimalValue().movePointRight(3).longValue());
        }
        try {
            return Instant.parse(value.asString());
        } catch (RuntimeException e) {
            throw new TrailException(400, "SerializationException", "Invalid timestamp: " + value.asString());
        }
    }

    private ObjectNode summary(TrailEvent event) {
        ObjectNode item = json.createObjectNode()
                .put("EventId", event.eventId())
                .put("EventName", event.eventName())
                .put("ReadOnly", "false")
                .put("AccessKeyId", event.principal().accessKeyId())
                .put("EventTime", BigDecimal.valueOf(event.eventTime().toEpochMilli()).movePointLeft(3))
                .put("EventSource", event.eventSource())
                .put("Username", event.principal().userName());
        ArrayNode resources = item.putArray("Resources");
        for (String id : event.resources()) {
            resources.addObject().put("ResourceType", "AWS::EC2::Instance").put("ResourceName", id);
        }
        item.put("CloudTrailEvent", json.writeValueAsString(record(event)));
        return item;
    }

    /** The event as CloudTrail writes it to its log files. */
    private ObjectNode record(TrailEvent event) {
        Principal who = event.principal();
        ObjectNode record = json.createObjectNode().put("eventVersion", "1.09");
        ObjectNode identity = record.putObject("userIdentity")
                .put("type", who.type())
                .put("principalId", who.principalId())
                .put("arn", who.arn())
                .put("accountId", who.accountId())
                .put("accessKeyId", who.accessKeyId());
        if (who.assumedRole()) {
            ObjectNode context = identity.putObject("sessionContext");
            context.putObject("sessionIssuer").put("type", "Role")
                    .put("principalId", who.principalId().substring(0, who.principalId().indexOf(':')))
                    .put("arn", who.roleArn()).put("accountId", who.accountId()).put("userName", who.roleName());
            context.putObject("attributes")
                    .put("creationDate", DateTimeFormatter.ISO_INSTANT.format(who.issuedAt().truncatedTo(ChronoUnit.SECONDS)))
                    .put("mfaAuthenticated", "false");
            if (who.sourceIdentity() != null) {
                context.put("sourceIdentity", who.sourceIdentity());
            }
        } else {
            identity.put("userName", who.userName());
        }
        record.put("eventTime", DateTimeFormatter.ISO_INSTANT.format(event.eventTime().truncatedTo(ChronoUnit.SECONDS)))
                .put("eventSource", event.eventSource())
                .put("eventName", event.eventName())
                .put("awsRegion", event.region())
                .put("sourceIPAddress", event.sourceIp())
                .put("userAgent", event.userAgent());
        if (event.errorCode() != null) {
            record.put("errorCode", event.errorCode());
        }
        ArrayNode items = record.putObject("requestParameters").putObject("instancesSet").putArray("items");
        event.resources().forEach(id -> items.addObject().put("instanceId", id));
        record.putNull("responseElements");
        record.put("requestID", event.requestId())
                .put("eventID", event.eventId())
                .put("readOnly", false)
                .put("eventType", "AwsApiCall")
                .put("managementEvent", true)
                .put("recipientAccountId", who.accountId())
                .put("eventCategory", "Management");
        return record;
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new TrailException(400, "SerializationException", "Start of structure or map found where not expected.");
            }
            return node;
        } catch (JacksonException e) {
            throw new TrailException(400, "SerializationException", "Unexpected character in the request body.");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", JSON_11);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final class TrailException extends RuntimeException {
        private final int status;
        private final String type;

        TrailException(int status, String type, String message) {
            super(message, null, false, false);
            this.status = status;
            this.type = type;
        }
    }
}
