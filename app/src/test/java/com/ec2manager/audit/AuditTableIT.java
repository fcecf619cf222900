package com.ec2manager.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.ec2manager.testing.DynamoDbClients;
import com.ec2manager.testing.TestLocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The audit table against DynamoDB Local: created exactly as the seed, refused when it differs. */
class AuditTableIT {

    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void connect() {
        dynamoDb = DynamoDbClients.local(TestLocalStack.get().dynamoDbEndpoint());
    }

    @AfterAll
    static void disconnect() {
        dynamoDb.close();
    }

    @Test
    void theCreatedTableReadBackEqualsTheSeedFieldByField() {
        String name = "audit-" + UUID.randomUUID();
        new AuditTableBootstrap(dynamoDb, properties(name), true).ensureTable();

        TableDescription table = dynamoDb.describeTable(r -> r.tableName(name)).table();
        assertThat(table.tableStatusAsString()).isEqualTo("ACTIVE");
        assertThat(table.keySchema()).containsExactly(key("userId", KeyType.HASH), key("timestamp", KeyType.RANGE));
        assertThat(table.attributeDefinitions().stream().collect(Collectors.toMap(
                AttributeDefinition::attributeName, AttributeDefinition::attributeType)))
                .isEqualTo(Map.of("userId", ScalarAttributeType.S, "timestamp", ScalarAttributeType.S,
                        "action", ScalarAttributeType.S, "resourceId", ScalarAttributeType.S));
        assertThat(table.globalSecondaryIndexes()).hasSize(2);
        GlobalSecondaryIndexDescription action = index(table, "ActionIndex");
        assertThat(action.keySchema()).containsExactly(key("action", KeyType.HASH), key("timestamp", KeyType.RANGE));
        assertThat(action.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        GlobalSecondaryIndexDescription resource = index(table, "ResourceIndex");
        assertThat(resource.keySchema()).containsExactly(key("resourceId", KeyType.HASH), key("timestamp", KeyType.RANGE));
        assertThat(resource.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        assertThat(table.localSecondaryIndexes()).isEmpty();
        assertThat(AuditTableSchema.billingMode(table)).isEqualTo(BillingMode.PAY_PER_REQUEST.toString());
        assertThat(table.streamSpecification().streamEnabled()).isTrue();
        assertThat(table.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(table.latestStreamArn()).isNotBlank();

        TimeToLiveDescription ttl = dynamoDb.describeTimeToLive(r -> r.tableName(name)).timeToLiveDescription();
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(ttl.attributeName()).isEqualTo("ttl");
    }

    @Test
    void aTableThatMatchesTheSeedIsAcceptedOnTheNextStart() {
        String name = "audit-" + UUID.randomUUID();
        new AuditTableBootstrap(dynamoDb, properties(name), true).ensureTable();

        List<String> operations = Collections.synchronizedList(new ArrayList<>());
        try (DynamoDbClient observed = DynamoDbClients.local(TestLocalStack.get().dynamoDbEndpoint(), operations)) {
            assertThatCode(() -> new AuditTableBootstrap(observed, properties(name), false).ensureTable())
                    .doesNotThrowAnyException();
        }
        // checked against the seed (its time to live read back), and nothing created or changed
        assertThat(operations).contains("DescribeTable", "DescribeTimeToLive")
                .doesNotContain("CreateTable", "UpdateTable", "UpdateTimeToLive");
    }

    @Test
    void aDifferingTableIsRefusedWithAMessageNamingEachDifference() {
        String name = "audit-" + UUID.randomUUID();
        dynamoDb.createTable(r -> r.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key("userId", KeyType.HASH), key("timestamp", KeyType.RANGE))
                .attributeDefinitions(attribute("userId"), attribute("timestamp"), attribute("action"))
                .globalSecondaryIndexes(g -> g.indexName("ActionIndex")
                        .keySchema(key("action", KeyType.HASH), key("timestamp", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));

        assertThatThrownBy(() -> new AuditTableBootstrap(dynamoDb, properties(name), true).ensureTable())
                .isInstanceOf(AuditTableException.class)
                .hasMessageContaining(name + " differs from the seed (5 differences)")
                .hasMessageContaining("attribute definition resourceId (S) is missing")
                .hasMessageContaining("global secondary index ResourceIndex is missing")
                .hasMessageContaining("index ActionIndex projects KEYS_ONLY, expected ALL")
                .hasMessageContaining("stream is off, expected on with NEW_AND_OLD_IMAGES")
                .hasMessageContaining("time to live is DISABLED, expected ENABLED on attribute ttl");
    }

    @Test
    void aMissingTableIsNotCreatedWhenCreatingIsOff() {
        String name = "audit-" + UUID.randomUUID();
        assertThatThrownBy(() -> new AuditTableBootstrap(dynamoDb, properties(name), false).ensureTable())
                .isInstanceOf(AuditTableException.class)
                .hasMessageContaining("The audit table " + name + " does not exist");
        assertThat(dynamoDb.listTables().tableNames()).doesNotContain(name);
    }

    private static AuditProperties properties(String tableName) {
        return new AuditProperties(tableName, Duration.ofDays(31), null, true, Duration.ofMinutes(1), null);
    }

    private static GlobalSecondaryIndexDescription index(TableDescription table, String name) {
        return table.globalSecondaryIndexes().stream().filter(i -> i.indexName().equals(name)).findFirst().orElseThrow();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
