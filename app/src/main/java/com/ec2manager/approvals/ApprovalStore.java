package com.ec2manager.approvals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.ec2manager.aws.DynamoDbTable;
import com.ec2manager.aws.Items;
import com.ec2manager.failure.FailureKind;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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

    private final java.util.concurrent.atomic.AtomicLong requestWrites = new java.util.concurrent.atomic.AtomicLong();

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

    private final DynamoDbTable table;
    private final Duration retention;

    ApprovalStore(DynamoDbClient dynamoDb, String table, Duration retention) {
        this.table = new DynamoDbTable(dynamoDb, table, unreachable -> new ApprovalFailure(FailureKind.UNAVAILABLE,
                "ApprovalsUnavailable", "Approvals cannot be read or written now; nothing was done. Try again shortly."));
        this.retention = retention;
    }

    /** The policies and the version they were read at. */
    record Policies(List<ApprovalPolicy> all, long version) {
    }

    Policies policies() {
        return table.get(Items.key(ID, POLICIES_ID))
                .map(item -> new Policies(JSON.readValue(Items.string(item, DOC), POLICY_LIST), Items.number(item, VERSION, 0)))
                .orElseGet(() -> new Policies(List.of(), 0));
    }

    /** Replaces the policies read at {@code read}; false when someone changed them meanwhile. */
    boolean savePolicies(Policies read, List<ApprovalPolicy> all) {
        var item = Items.item().s(ID, POLICIES_ID).s(KIND, POLICIES_ID).n(VERSION, read.version() + 1)
                .s(DOC, JSON.writeValueAsString(all)).build();
        return table.putAtVersion(item, ID, VERSION, read.version());
    }

    Optional<ApprovalRequest> request(String id) {
        return table.get(Items.key(ID, REQUEST + "#" + id)).map(item -> Items.string(item, DOC))
                .map(doc -> JSON.readValue(doc, ApprovalRequest.class));
    }

    /** Request writes this application instance has made: what it shows about requests is stale when this moved. */
    long requestWrites() {
        return requestWrites.get();
    }

    /** Writes a new request (version 1) or moves one on from {@code version - 1}; false when it changed meanwhile. */
    boolean saveRequest(ApprovalRequest request) {
        requestWrites.incrementAndGet();
        var item = Items.item().s(ID, REQUEST + "#" + request.id()).s(KIND, REQUEST).s(STATE, request.state().name())
                .n(VERSION, request.version()).s(DOC, JSON.writeValueAsString(request))
                .n(EXPIRES_AT, request.expiresAt().plus(retention).getEpochSecond()).build();
        return table.putAtVersion(item, ID, VERSION, request.version() - 1);
    }

    /** Requests in {@code state} (all when null), newest first, at most {@code limit}. */
    List<ApprovalRequest> requests(ApprovalRequest.State state, int limit) {
        return requests(state == null ? List.of() : List.of(state), limit);
    }

    /** Requests in any of {@code states} (all when empty), newest first, at most {@code limit}: one scan. */
    List<ApprovalRequest> requests(List<ApprovalRequest.State> states, int limit) {
        Map<String, String> names = new HashMap<>(Map.of("#k", KIND));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":k", Items.s(REQUEST)));
        String filter = "#k = :k";
        if (!states.isEmpty()) {
            names.put("#s", STATE);
            List<String> placeholders = new ArrayList<>();
            for (int i = 0; i < states.size(); i++) {
                values.put(":s" + i, Items.s(states.get(i).name()));
                placeholders.add(":s" + i);
            }
            filter += " AND #s IN (" + String.join(", ", placeholders) + ")";
        }
        ScanRequest scan = ScanRequest.builder().filterExpression(filter)
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
        List<ApprovalRequest> found = new ArrayList<>();
        table.scan("requests", scan).forEach(item -> found.add(JSON.readValue(Items.string(item, DOC), ApprovalRequest.class)));
        found.sort(Comparator.comparing(ApprovalRequest::createdAt).reversed());
        return found.size() > limit ? found.subList(0, limit) : found;
    }

    void createTableIfMissing() {
        table.createIfMissing(ID, EXPIRES_AT);
    }
}
