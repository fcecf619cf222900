package com.ec2manager.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The audit table exactly as {@code seed/database-schema.md} specifies it: what to create, and
 * how an existing table differs from it.
 */
public final class AuditTableSchema {

    public static final String USER_ID = "userId";
    public static final String TIMESTAMP = "timestamp";
    public static final String ACTION = "action";
    public static final String RESOURCE_ID = "resourceId";
    public static final String TTL = "ttl";
    public static final String ACTION_INDEX = "ActionIndex";
    public static final String RESOURCE_INDEX = "ResourceIndex";

    static final Map<String, String> TAGS = tags();
    static final List<String> KEY = List.of(USER_ID + " HASH", TIMESTAMP + " RANGE");
    static final Map<String, String> ATTRIBUTES = attributes();
    static final Map<String, List<String>> INDEXES = Map.of(
            ACTION_INDEX, List.of(ACTION + " HASH", TIMESTAMP + " RANGE"),
            RESOURCE_INDEX, List.of(RESOURCE_ID + " HASH", TIMESTAMP + " RANGE"));

    private AuditTableSchema() {
    }

    public static CreateTableRequest createRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .keySchema(key(USER_ID, KeyType.HASH), key(TIMESTAMP, KeyType.RANGE))
                .attributeDefinitions(ATTRIBUTES.keySet().stream()
                        .map(name -> AttributeDefinition.builder().attributeName(name)
                                .attributeType(ScalarAttributeType.S).build())
                        .toList())
                .globalSecondaryIndexes(index(ACTION_INDEX, ACTION), index(RESOURCE_INDEX, RESOURCE_ID))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(StreamSpecification.builder().streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build())
                .tags(TAGS.entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                        .toList())
                .build();
    }

    /** Every way {@code table} differs from the seed, one sentence each; empty when none. */
    public static List<String> differences(TableDescription table) {
        List<String> differences = new ArrayList<>();
        List<String> key = describe(table.keySchema());
        if (!key.equals(KEY)) {
            differences.add("key schema is " + key + ", expected " + KEY);
        }
        Map<String, String> attributes = table.attributeDefinitions().stream().collect(Collectors.toMap(
                AttributeDefinition::attributeName, AttributeDefinition::attributeTypeAsString,
                (a, b) -> a, LinkedHashMap::new));
        ATTRIBUTES.forEach((name, type) -> {
            String actual = attributes.get(name);
            if (actual == null) {
                differences.add("attribute definition " + name + " (" + type + ") is missing");
            } else if (!actual.equals(type)) {
                differences.add("attribute " + name + " has type " + actual + ", expected " + type);
            }
        });
        attributes.keySet().stream().filter(name -> !ATTRIBUTES.containsKey(name)).forEach(name ->
                differences.add("attribute definition " + name + " is not in the seed"));

        Map<String, GlobalSecondaryIndexDescription> indexes = table.globalSecondaryIndexes().stream()
                .collect(Collectors.toMap(GlobalSecondaryIndexDescription::indexName, i -> i));
        INDEXES.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(expected -> {
            GlobalSecondaryIndexDescription index = indexes.get(expected.getKey());
            if (index == null) {
                differences.add("global secondary index " + expected.getKey() + " is missing");
                return;
            }
            List<String> indexKey = describe(index.keySchema());
            if (!indexKey.equals(expected.getValue())) {
                differences.add("index " + expected.getKey() + " has key " + indexKey + ", expected " + expected.getValue());
            }
            String projection = index.projection() == null ? null : index.projection().projectionTypeAsString();
            if (!ProjectionType.ALL.toString().equals(projection)) {
                differences.add("index " + expected.getKey() + " projects " + projection + ", expected ALL");
            }
        });
        indexes.keySet().stream().filter(name -> !INDEXES.containsKey(name)).sorted().forEach(name ->
                differences.add("global secondary index " + name + " is not in the seed"));
        table.localSecondaryIndexes().forEach(index ->
                differences.add("local secondary index " + index.indexName() + " is not in the seed"));

        String billing = billingMode(table);
        if (!BillingMode.PAY_PER_REQUEST.toString().equals(billing)) {
            differences.add("billing mode is " + billing + ", expected PAY_PER_REQUEST");
        }
        StreamSpecification stream = table.streamSpecification();
        if (stream == null || !Boolean.TRUE.equals(stream.streamEnabled())) {
            differences.add("stream is off, expected on with NEW_AND_OLD_IMAGES");
        } else if (stream.streamViewType() != StreamViewType.NEW_AND_OLD_IMAGES) {
            differences.add("stream view type is " + stream.streamViewTypeAsString() + ", expected NEW_AND_OLD_IMAGES");
        }
        return differences;
    }

    /** How the table's time to live differs from the seed's (on {@code ttl}); empty when it does not. */
    public static List<String> differences(TimeToLiveDescription ttl) {
        TimeToLiveStatus status = ttl == null ? null : ttl.timeToLiveStatus();
        boolean on = status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING;
        if (!on) {
            return List.of("time to live is " + (status == null ? "DISABLED" : ttl.timeToLiveStatusAsString())
                    + ", expected ENABLED on attribute " + TTL);
        }
        if (!TTL.equals(ttl.attributeName())) {
            return List.of("time to live is on attribute " + ttl.attributeName() + ", expected " + TTL);
        }
        return List.of();
    }

    /** How the table's tags differ from the seed's; extra tags are allowed (deployments add their own). */
    public static List<String> differences(List<Tag> tags) {
        Map<String, String> actual = tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a));
        List<String> differences = new ArrayList<>();
        TAGS.forEach((key, value) -> {
            if (!actual.containsKey(key)) {
                differences.add("tag " + key + "=" + value + " is missing");
            } else if (!Objects.equals(actual.get(key), value)) {
                differences.add("tag " + key + " is " + actual.get(key) + ", expected " + value);
            }
        });
        return differences;
    }

    /**
     * AWS omits the billing summary for tables that were always provisioned, and DynamoDB Local
     * omits it altogether; an on-demand table reports zero provisioned throughput.
     */
    static String billingMode(TableDescription table) {
        if (table.billingModeSummary() != null && table.billingModeSummary().billingMode() != null) {
            return table.billingModeSummary().billingModeAsString();
        }
        var throughput = table.provisionedThroughput();
        boolean none = throughput == null || (zero(throughput.readCapacityUnits()) && zero(throughput.writeCapacityUnits()));
        return none ? BillingMode.PAY_PER_REQUEST.toString() : BillingMode.PROVISIONED.toString();
    }

    private static boolean zero(Long units) {
        return units == null || units == 0L;
    }

    private static List<String> describe(List<KeySchemaElement> keySchema) {
        return keySchema.stream()
                .sorted(Comparator.comparing(k -> k.keyType() == KeyType.HASH ? 0 : 1))
                .map(k -> k.attributeName() + " " + k.keyTypeAsString())
                .toList();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex index(String name, String hashKey) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(key(hashKey, KeyType.HASH), key(TIMESTAMP, KeyType.RANGE))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    private static Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(USER_ID, "S");
        attributes.put(TIMESTAMP, "S");
        attributes.put(ACTION, "S");
        attributes.put(RESOURCE_ID, "S");
        return Collections.unmodifiableMap(attributes);
    }

    private static Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Environment", "Production");
        tags.put("Application", "EC2-Manager");
        return Collections.unmodifiableMap(tags);
    }
}
