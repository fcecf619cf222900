package com.ec2manager.localaws.cognito;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The JSON 1.1 shapes Cognito's operations share: members, attribute lists, epoch-second dates. */
final class Wire {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Wire() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** A string member, or null when absent or JSON null. */
    static String text(JsonNode request, String member) {
        JsonNode node = request.get(member);
        return node == null || node.isNull() ? null : node.asString();
    }

    static String requiredText(JsonNode request, String member) {
        String value = text(request, member);
        if (value == null) {
            throw CognitoException.missing(member);
        }
        return value;
    }

    /** A string-to-string map member such as AuthParameters; empty when absent. */
    static Map<String, String> map(JsonNode request, String member) {
        Map<String, String> map = new LinkedHashMap<>();
        JsonNode node = request.get(member);
        if (node != null && node.isObject()) {
            for (var entry : node.properties()) {
                map.put(entry.getKey(), entry.getValue().isNull() ? null : entry.getValue().asString());
            }
        }
        return map;
    }

    /** An {@code [{"Name":…, "Value":…}]} list as a map, in order. */
    static Map<String, String> attributes(JsonNode request, String member) {
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonNode list = request.get(member);
        if (list != null && list.isArray()) {
            for (JsonNode attribute : list) {
                String name = text(attribute, "Name");
                if (name == null) {
                    throw CognitoException.missing("Name");
                }
                attributes.put(name, text(attribute, "Value"));
            }
        }
        return attributes;
    }

    static ArrayNode attributeList(Map<String, String> attributes) {
        ArrayNode list = NODES.arrayNode();
        attributes.forEach((name, value) -> list.add(object().put("Name", name).put("Value", value)));
        return list;
    }

    /** Cognito's dates: epoch seconds with a fraction. */
    static BigDecimal epoch(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }

    static ArrayNode strings(Iterable<String> values) {
        ArrayNode list = NODES.arrayNode();
        values.forEach(list::add);
        return list;
    }
}
