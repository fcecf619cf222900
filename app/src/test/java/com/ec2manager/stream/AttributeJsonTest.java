package com.ec2manager.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class AttributeJsonTest {

    private static final Map<String, AttributeValue> ITEM = Map.of(
            "userId", AttributeValue.fromS("u1"),
            "ttl", AttributeValue.fromN("1800000000"),
            "details", AttributeValue.fromM(Map.of("region", AttributeValue.fromS("eu-west-1"),
                    "extra", AttributeValue.fromL(List.of(AttributeValue.fromBool(false), AttributeValue.fromNul(true))))),
            "names", AttributeValue.fromSs(List.of("a", "b")),
            "blob", AttributeValue.fromB(SdkBytes.fromUtf8String("bytes")));

    @Test
    void anItemTurnedIntoTypedJsonAndBackIsTheSameItem() {
        assertThat(AttributeJson.attributes(AttributeJson.item(ITEM))).isEqualTo(ITEM);
    }

    @Test
    void thePlainFormDropsTheTypesAsTheApiShowsRecords() {
        Map<String, Object> plain = AttributeJson.plain(AttributeJson.item(ITEM));

        assertThat(plain).containsEntry("userId", "u1").containsEntry("ttl", "1800000000")
                .containsEntry("names", List.of("a", "b"));
        assertThat(plain.get("details")).isEqualTo(Map.of("region", "eu-west-1", "extra",
                java.util.Arrays.asList(false, null)));
    }
}
