package com.ec2manager.aws;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.ec2manager.aws.DynamoDbTable.Condition;
import com.ec2manager.testing.TestLocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The table helper the hand-written DynamoDB adapters share, against DynamoDB Local. */
class DynamoDbTableIT {

    private static final String TABLE = "dynamodb-table-it";
    private static DynamoDbClient dynamoDb;
    private static DynamoDbTable table;

    /** What an adapter answers when its table cannot be reached. */
    static final class TableUnreachable extends RuntimeException {
        TableUnreachable(SdkException cause) {
            super("unreachable", cause);
        }
    }

    @BeforeAll
    static void table() {
        dynamoDb = client(TestLocalStack.get().dynamoDbEndpoint());
        table = new DynamoDbTable(dynamoDb, TABLE, TableUnreachable::new);
        table.createIfMissing("id", "expiresAt");
    }

    @AfterAll
    static void close() {
        dynamoDb.close();
    }

    @Test
    void ofTwoWritersOfANewItemOnlyTheFirstWins() {
        String id = UUID.randomUUID().toString();
        assertThat(table.putIf(Items.item().s("id", id).s("owner", "first").build(), Condition.absent("id"))).isTrue();
        assertThat(table.putIf(Items.item().s("id", id).s("owner", "second").build(), Condition.absent("id"))).isFalse();
        assertThat(table.get(Items.key("id", id))).hasValueSatisfying(item ->
                assertThat(Items.string(item, "owner")).isEqualTo("first"));
    }

    @Test
    void aVersionedWriteWinsOnlyFromTheVersionItWasReadAt() {
        String id = UUID.randomUUID().toString();
        assertThat(table.putAtVersion(Items.item().s("id", id).n("version", 1).build(), "id", "version", 0)).isTrue();
        assertThat(table.putAtVersion(Items.item().s("id", id).n("version", 1).build(), "id", "version", 0))
                .as("a second first write").isFalse();
        assertThat(table.putAtVersion(Items.item().s("id", id).n("version", 2).s("doc", "a").build(), "id", "version", 1)).isTrue();
        assertThat(table.putAtVersion(Items.item().s("id", id).n("version", 2).s("doc", "b").build(), "id", "version", 1))
                .as("a write from the same, now stale, read").isFalse();
        assertThat(table.get(Items.key("id", id)).map(item -> Items.string(item, "doc"))).contains("a");
        assertThat(table.get(Items.key("id", id)).map(item -> Items.number(item, "version", 0))).contains(2L);
    }

    @Test
    void anAbsentItemIsEmptyAndAnAbsentAttributeIsNull() {
        assertThat(table.get(Items.key("id", "never-written-" + UUID.randomUUID()))).isEmpty();
        String id = UUID.randomUUID().toString();
        table.putIf(Items.item().s("id", id).s("empty", "").s("none", null).b("bytes", new byte[] {1, 2}).build(),
                Condition.absent("id"));
        var item = table.get(Items.key("id", id)).orElseThrow();
        assertThat(item).containsOnlyKeys("id", "bytes");
        assertThat(Items.string(item, "empty")).isNull();
        assertThat(Items.number(item, "version", 7)).isEqualTo(7);
        assertThat(Items.bytes(item, "bytes")).containsExactly(1, 2);
    }

    @Test
    void aBatchReadFindsTheItemsThatExist() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        table.putIf(Items.item().s("id", a).build(), Condition.absent("id"));
        table.putIf(Items.item().s("id", b).build(), Condition.absent("id"));
        var found = table.getAll(List.of(Items.key("id", a), Items.key("id", b), Items.key("id", "missing-" + a)), 3);
        assertThat(found).extracting(item -> Items.string(item, "id")).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void aQueryReadsEveryPageUntilToldToStop() {
        String id = UUID.randomUUID().toString();
        table.putIf(Items.item().s("id", id).build(), Condition.absent("id"));
        QueryRequest byId = QueryRequest.builder().keyConditionExpression("#id = :id")
                .expressionAttributeNames(Map.of("#id", "id")).expressionAttributeValues(Map.of(":id", Items.s(id))).build();
        List<Map<String, AttributeValue>> seen = new ArrayList<>();
        long scanned = table.query("query", byId, page -> {
            seen.addAll(page.items());
            return true;
        });
        assertThat(seen).hasSize(1);
        assertThat(scanned).isEqualTo(1);

        // a scan with a page of one item needs many pages; all of them are read
        for (int i = 0; i < 3; i++) {
            table.putIf(Items.item().s("id", id + "-" + i).s("group", id).build(), Condition.absent("id"));
        }
        var group = table.scan("scan", ScanRequest.builder().limit(1).filterExpression("#g = :g")
                .expressionAttributeNames(Map.of("#g", "group")).expressionAttributeValues(Map.of(":g", Items.s(id))).build());
        assertThat(group).hasSize(3);
    }

    @Test
    void anUnreachableTableIsTheAdaptersOwnFailureAndAFailedCallThatMayFailIsOnlyLogged() {
        try (DynamoDbClient nowhere = client(URI.create("http://127.0.0.1:9"))) {
            var unreachable = new DynamoDbTable(nowhere, TABLE, TableUnreachable::new);
            assertThatThrownBy(() -> unreachable.get(Items.key("id", "x"))).isInstanceOf(TableUnreachable.class)
                    .hasCauseInstanceOf(SdkException.class);
            assertThatThrownBy(() -> unreachable.putIf(Items.item().s("id", "x").build(), Condition.absent("id")))
                    .isInstanceOf(TableUnreachable.class);
            assertThat(unreachable.tryCall("delete", client -> client.deleteItem(r -> r.tableName(TABLE)
                    .key(Items.key("id", "x"))))).isFalse();
        }
        // the twin: the same call against the reachable table succeeds
        assertThat(table.tryCall("delete", client -> client.deleteItem(r -> r.tableName(TABLE)
                .key(Items.key("id", "x"))))).isTrue();
    }

    private static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret")))
                .overrideConfiguration(c -> c.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
