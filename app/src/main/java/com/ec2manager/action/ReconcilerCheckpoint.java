package com.ec2manager.action;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.ec2manager.audit.AuditKey;
import com.ec2manager.aws.DynamoDbTable;
import com.ec2manager.aws.Items;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where the reconciler's passes have got to, shared by every application instance through one
 * DynamoDB item: the sort key up to which records have been read, and the PENDING records read
 * but not settled yet (in flight). A pass reads only those and the records written since; two
 * nodes saving at once merge their in-flight sets (a conditional write on a version), so neither
 * loses a record. The item expires (TTL) when no pass has run for the initial look-back, after
 * which a pass starts afresh from that look-back.
 */
public class ReconcilerCheckpoint {

    private static final String ID = "id";
    /** The item of the application's passes; tests keep their own. */
    public static final String ITEM = "pending-audit-records";
    private static final String READ_UP_TO = "readUpTo";
    private static final String IN_FLIGHT = "inFlight";
    private static final String VERSION = "version";
    private static final String EXPIRES_AT = "expiresAt";
    private static final int MAX_SAVE_ATTEMPTS = 5;

    private final DynamoDbTable table;
    private final String itemId;

    public ReconcilerCheckpoint(DynamoDbClient dynamoDb, String table, String item) {
        // a pass that cannot reach its checkpoint fails as a whole and the next one starts over
        this.table = new DynamoDbTable(dynamoDb, table,
                unreachable -> new IllegalStateException("the reconciler checkpoint cannot be reached", unreachable));
        this.itemId = item;
    }

    /**
     * @param readUpTo every record with a sort key before this has been read
     * @param inFlight records read while PENDING and not settled yet
     * @param version  for the conditional save
     */
    record State(String readUpTo, Set<AuditKey> inFlight, long version) {
    }

    Optional<State> load() {
        return table.get(Items.key(ID, itemId)).map(item -> {
            Set<AuditKey> inFlight = new LinkedHashSet<>();
            AttributeValue list = item.get(IN_FLIGHT);
            if (list != null && list.hasL()) {
                for (AttributeValue key : list.l()) {
                    inFlight.add(new AuditKey(key.m().get("u").s(), key.m().get("t").s()));
                }
            }
            return new State(Items.string(item, READ_UP_TO), inFlight, Items.number(item, VERSION, 0));
        });
    }

    /** Saves a pass's progress on top of {@code previous} (null: none yet), merging with a pass saved meanwhile. */
    void save(State previous, String readUpTo, Set<AuditKey> inFlight, Instant expiresAt) {
        State base = previous;
        Set<AuditKey> keys = new LinkedHashSet<>(inFlight);
        String upTo = readUpTo;
        for (int attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt++) {
            long version = base == null ? 0 : base.version();
            List<AttributeValue> list = new ArrayList<>();
            keys.forEach(key -> list.add(AttributeValue.fromM(Map.of("u", Items.s(key.userId()),
                    "t", Items.s(key.timestamp())))));
            var item = Items.item().s(ID, itemId).s(READ_UP_TO, upTo).l(IN_FLIGHT, list).n(VERSION, version + 1)
                    .n(EXPIRES_AT, expiresAt.getEpochSecond()).build();
            if (table.putAtVersion(item, ID, VERSION, version)) {
                return;
            }
            base = load().orElse(null);
            if (base != null) {
                // keep both passes' unsettled records (a settled one is dropped when next read) and the lower mark
                keys.addAll(base.inFlight());
                upTo = base.readUpTo().compareTo(upTo) < 0 ? base.readUpTo() : upTo;
            }
        }
        throw new IllegalStateException("the reconciler checkpoint kept changing; saved by the next pass");
    }

    public void createTableIfMissing() {
        table.createIfMissing(ID, EXPIRES_AT);
    }
}
