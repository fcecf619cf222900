package com.ec2manager.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB items as the hand-written adapters build and read them: attributes without the SDK's
 * builders, an absent value left out of the item (DynamoDB refuses empty strings in keys and
 * stores nothing better for "none"), an absent attribute read back as null.
 */
public final class Items {

    private Items() {
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** The key of an item whose key is one string attribute. */
    public static Map<String, AttributeValue> key(String attribute, String value) {
        return Map.of(attribute, s(value));
    }

    /** A new item, built attribute by attribute. */
    public static Builder item() {
        return new Builder();
    }

    /** The string attribute's value, or null when the item has none. */
    public static String string(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? null : value.s();
    }

    /** The number attribute's value, or {@code otherwise} when the item has none. */
    public static long number(Map<String, AttributeValue> item, String attribute, long otherwise) {
        AttributeValue value = item.get(attribute);
        return value == null || value.n() == null ? otherwise : Long.parseLong(value.n());
    }

    /** The binary attribute's bytes, or null when the item has none. */
    public static byte[] bytes(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null || value.b() == null ? null : value.b().asByteArray();
    }

    /** Attributes in the order they are added; absent values are left out. */
    public static final class Builder {

        private final Map<String, AttributeValue> attributes = new LinkedHashMap<>();

        private Builder() {
        }

        /** A string attribute, unless the value is null or empty. */
        public Builder s(String attribute, String value) {
            if (value != null && !value.isEmpty()) {
                attributes.put(attribute, Items.s(value));
            }
            return this;
        }

        public Builder n(String attribute, long value) {
            attributes.put(attribute, Items.n(value));
            return this;
        }

        /** A binary attribute, unless the value is null. */
        public Builder b(String attribute, byte[] value) {
            if (value != null) {
                attributes.put(attribute, AttributeValue.fromB(SdkBytes.fromByteArray(value)));
            }
            return this;
        }

        /** A map attribute, unless it is null or empty. */
        public Builder m(String attribute, Map<String, AttributeValue> value) {
            if (value != null && !value.isEmpty()) {
                attributes.put(attribute, AttributeValue.fromM(value));
            }
            return this;
        }

        /** A list attribute (an empty list is kept: it says "none" where absence would say "unknown"). */
        public Builder l(String attribute, List<AttributeValue> value) {
            attributes.put(attribute, AttributeValue.fromL(value));
            return this;
        }

        public Map<String, AttributeValue> build() {
            return Map.copyOf(attributes);
        }
    }
}
