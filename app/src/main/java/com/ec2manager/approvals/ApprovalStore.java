package com.ec2manager.approvals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.ec2manager.aws.ExpiringTables;
import com.ec2manager.aws.VersionedItems;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Approval policies and requests in one DynamoDB table. The policies are one item (read with one
 * consistent GetItem on every admin action, written with a condition on its version); each request
 * is an item of its own, changed only with a condition on its version, so that of two admins
 * approving at once exactly one moves it on. Decided requests expire (TTL) after the retention.
 */
class ApprovalStore {

    private static final String ID = "id";
    private static final String KIND = "kind";
    private static final String STATE = "state";
    private static final String VERSION = "version";
    private static final String DOC = "doc";
    private static final String EXPIRES_AT = "expiresAt";
    private static final String POLICIES_ID = "policies";
    private static final String REQUEST = "request";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<ApprovalPolicy>> POLICY_LIST = new TypeReference<>() { };

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Duration retention;

    ApprovalStore(DynamoDbClient dynamoDb, String table, Duration retention) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.retention = retention;
    }

    /** The policies and the version they were read at. */
    record Policies(List<ApprovalPolicy> all, long version) {
    }

    Policies policies() {
        Map<String, AttributeValue> item = call(() -> dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(ID, AttributeValue.fromS(POLICIES_ID)))).item());
        if (item == null || item.isEmpty()) {
            return new Policies(List.of(), 0);
        }
        return new Policies(JSON.readValue(item.get(DOC).s(), POLICY_LIST), Long.parseLong(item.get(VERSION).n()));
    }

    /** Replaces the policies read at {@code read}; false when someone changed them meanwhile. */
    boolean savePolicies(Policies read, List<ApprovalPolicy> all) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, AttributeValue.fromS(POLICIES_ID));
        item.put(KIND, AttributeValue.fromS(POLICIES_ID));
        item.put(VERSION, AttributeValue.fromN(Long.toString(read.version() + 1)));
        item.put(DOC, AttributeValue.fromS(JSON.writeValueAsString(all)));
        return conditionalPut(item, read.version());
    }

    Optional<ApprovalRequest> request(String id) {
        Map<String, AttributeValue> item = call(() -> dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(ID, AttributeValue.fromS(REQUEST + "#" + id)))).item());
        if (item == null || item.isEmpty() || !item.containsKey(DOC)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(item.get(DOC).s(), ApprovalRequest.class));
    }

    /** Writes a new request (version 1) or moves one on from {@code version - 1}; false when it changed meanwhile. */
    boolean saveRequest(ApprovalRequest request) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, AttributeValue.fromS(REQUEST + "#" + request.id()));
        item.put(KIND, AttributeValue.fromS(REQUEST));
        item.put(STATE, AttributeValue.fromS(request.state().name()));
        item.put(VERSION, AttributeValue.fromN(Long.toString(request.version())));
        item.put(DOC, AttributeValue.fromS(JSON.writeValueAsString(request)));
        item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(request.expiresAt().plus(retention).getEpochSecond())));
        return conditionalPut(item, request.version() - 1);
    }

    /** Requests in {@code state} (all when null), newest first, at most {@code limit}. */
    List<ApprovalRequest> requests(ApprovalRequest.State state, int limit) {
        List<ApprovalRequest> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            Map<String, String> names = new HashMap<>(Map.of("#k", KIND));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":k", AttributeValue.fromS(REQUEST)));
            String filter = "#k = :k";
            if (state != null) {
                names.put("#s", STATE);
                values.put(":s", AttributeValue.fromS(state.name()));
                filter += " AND #s = :s";
            }
            ScanRequest scan = ScanRequest.builder().tableName(table).filterExpression(filter)
                    .expressionAttributeNames(names).expressionAttributeValues(values).exclusiveStartKey(from).build();
            var page = call(() -> dynamoDb.scan(scan));
            page.items().forEach(item -> found.add(JSON.readValue(item.get(DOC).s(), ApprovalRequest.class)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        found.sort(Comparator.comparing(ApprovalRequest::createdAt).reversed());
        return found.size() > limit ? found.subList(0, limit) : found;
    }

    void createTableIfMissing() {
        ExpiringTables.createIfMissing(dynamoDb, table, ID, EXPIRES_AT);
    }

    private boolean conditionalPut(Map<String, AttributeValue> item, long previousVersion) {
        return call(() -> VersionedItems.put(dynamoDb, table, item, ID, VERSION, previousVersion));
    }

    /** An SDK failure other than a failed condition means the table cannot be reached now. */
    private static <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkException e) {
            throw new ApprovalFailure(com.ec2manager.failure.FailureKind.UNAVAILABLE, "ApprovalsUnavailable",
                    "Approvals cannot be read or written now; nothing was done. Try again shortly.");
        }
    }
}
