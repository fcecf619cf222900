package com.ec2manager.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB items as plain JSON values in DynamoDB's own JSON form ({@code {"S": "x"}},
 * {@code {"N": "1"}}, {@code {"M": {…}}}, {@code {"L": […]}}, {@code {"BOOL": true}},
 * {@code {"NULL": true}}, sets as sorted lists, binary as base64), so that the archive keeps
 * every type exactly and the verifier compares a live item with its archived image by equality.
 */
public final class AttributeJson {

    private AttributeJson() {
    }

    /** The item as a map from attribute name to its typed JSON value; attributes sorted by name. */
    public static Map<String, Object> item(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return null;
        }
        Map<String, Object> json = new TreeMap<>();
        item.forEach((name, value) -> json.put(name, value(value)));
        return json;
    }

    /** DynamoDB's typed JSON back to plain JSON values ({@code {"S": "x"}} → {@code "x"}), as the API shows records. */
    public static Map<String, Object> plain(Map<String, Object> item) {
        Map<String, Object> plain = new LinkedHashMap<>();
        if (item != null) {
            item.forEach((name, value) -> plain.put(name, plainValue(value)));
        }
        return plain;
    }

    @SuppressWarnings("unchecked")
    private static Object plainValue(Object typed) {
        if (!(typed instanceof Map<?, ?> map) || map.isEmpty()) {
            return typed;
        }
        var entry = map.entrySet().iterator().next();
        Object inner = entry.getValue();
        return switch (String.valueOf(entry.getKey())) {
            case "M" -> plain((Map<String, Object>) inner);
            case "L" -> ((List<Object>) inner).stream().map(AttributeJson::plainValue).toList();
            case "NULL" -> null;
            default -> inner;
        };
    }

    /** The typed JSON form back to SDK attribute values (the inverse of {@link #item}). */
    @SuppressWarnings("unchecked")
    public static Map<String, AttributeValue> attributes(Map<String, Object> item) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        item.forEach((name, typed) -> attributes.put(name, attribute((Map<String, Object>) typed)));
        return attributes;
    }

    @SuppressWarnings("unchecked")
    private static AttributeValue attribute(Map<String, Object> typed) {
        var entry = typed.entrySet().iterator().next();
        Object inner = entry.getValue();
        return switch (entry.getKey()) {
            case "S" -> AttributeValue.fromS((String) inner);
            case "N" -> AttributeValue.fromN((String) inner);
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(java.util.Base64.getDecoder().decode((String) inner)));
            case "BOOL" -> AttributeValue.fromBool((Boolean) inner);
            case "NULL" -> AttributeValue.fromNul(true);
            case "M" -> AttributeValue.fromM(attributes((Map<String, Object>) inner));
            case "L" -> AttributeValue.fromL(((List<Object>) inner).stream()
                    .map(element -> attribute((Map<String, Object>) element)).toList());
            case "SS" -> AttributeValue.fromSs((List<String>) inner);
            case "NS" -> AttributeValue.fromNs((List<String>) inner);
            case "BS" -> AttributeValue.fromBs(((List<String>) inner).stream()
                    .map(b -> SdkBytes.fromByteArray(java.util.Base64.getDecoder().decode(b))).toList());
            default -> throw new IllegalArgumentException("not a DynamoDB JSON value: " + typed);
        };
    }

    static Map<String, Object> value(AttributeValue value) {
        Map<String, Object> typed = new LinkedHashMap<>(2);
        switch (value.type()) {
            case S -> typed.put("S", value.s());
            case N -> typed.put("N", value.n());
            case B -> typed.put("B", base64(value.b()));
            case BOOL -> typed.put("BOOL", value.bool());
            case NUL -> typed.put("NULL", Boolean.TRUE);
            case M -> {
                Map<String, Object> members = new TreeMap<>();
                value.m().forEach((name, member) -> members.put(name, value(member)));
                typed.put("M", members);
            }
            case L -> {
                List<Object> elements = new ArrayList<>();
                value.l().forEach(element -> elements.add(value(element)));
                typed.put("L", elements);
            }
            case SS -> typed.put("SS", value.ss().stream().sorted().toList());
            case NS -> typed.put("NS", value.ns().stream().sorted().toList());
            case BS -> typed.put("BS", value.bs().stream().map(AttributeJson::base64).sorted().toList());
            default -> typed.put("UNKNOWN", value.toString());
        }
        return typed;
    }

    private static String base64(SdkBytes bytes) {
        return java.util.Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
