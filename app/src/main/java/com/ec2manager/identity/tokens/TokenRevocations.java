package com.ec2manager.identity.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.ec2manager.aws.DynamoDbTable;
import com.ec2manager.aws.Items;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Sign-outs, shared by every application instance through DynamoDB, so that an access token
 * revoked by sign-out is refused everywhere at once, without asking Cognito on every request.
 *
 * <p>Cognito's GlobalSignOut revokes every token of the person. Two records mirror it:
 * {@code user#<sub>} holds the moment of the sign-out (or of a disable or delete), and every
 * access token issued before its second is refused; {@code origin#<origin_jti>} names the session
 * that signed out, so its tokens are refused whenever issued. A token's {@code iat} has whole
 * seconds only, so a token issued in the very second of the revocation may be older or newer
 * than it: {@link Verdict#SAME_SECOND} says so, and the caller asks Cognito, which knows. Records
 * expire (DynamoDB TTL on {@code expiresAt}) after {@link #RETENTION}, longer than any access
 * token lives.
 */
public class TokenRevocations {

    /** Cognito access tokens live at most one day. */
    static final Duration RETENTION = Duration.ofDays(2);
    /** BatchGetItem rounds for keys DynamoDB leaves unprocessed. */
    static final int MAX_BATCH_ATTEMPTS = 3;
    private static final String ID = "id";
    private static final String SIGNED_OUT_AT = "signedOutAt";
    private static final String EXPIRES_AT = "expiresAt";

    /** What the sign-out records say of a token. */
    public enum Verdict {
        /** no revocation covers it */
        VALID,
        /** issued before a revocation, or by a session that signed out */
        REVOKED,
        /** issued in the same second as a revocation: only Cognito can tell which came first */
        SAME_SECOND
    }

    private final DynamoDbClient dynamoDb;
    private final DynamoDbTable table;
    private final Clock clock;

    public TokenRevocations(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = new DynamoDbTable(dynamoDb, table, RevocationCheckUnavailableException::new);
        this.clock = clock;
    }

    /**
     * Records the sign-out of a person and of the session whose token is given. A failed write is not
     * "unavailable, nothing was done" (Cognito has acted by then): inside an audited call it leaves the
     * outcome unknown, for the judge to settle.
     */
    public void signedOut(String sub, String originJti) {
        Instant now = clock.instant();
        long expiresAt = now.plus(RETENTION).getEpochSecond();
        var user = Items.item().s(ID, "user#" + sub).n(SIGNED_OUT_AT, now.getEpochSecond()).n(EXPIRES_AT, expiresAt).build();
        dynamoDb.putItem(r -> r.tableName(table.name()).item(user));
        if (originJti != null) {
            var origin = Items.item().s(ID, "origin#" + originJti).n(EXPIRES_AT, expiresAt).build();
            dynamoDb.putItem(r -> r.tableName(table.name()).item(origin));
        }
    }

    /** Records that every token of a person issued until now is void (disabled or deleted by an administrator). */
    public void revokeAll(String sub) {
        signedOut(sub, null);
    }

    /**
     * What the sign-out records say of an access token with these claims. Keys DynamoDB leaves
     * unprocessed (under throttling) are asked again a few times; a check that still cannot be
     * completed is unavailable, never "valid".
     *
     * @throws RevocationCheckUnavailableException when DynamoDB cannot answer
     */
    public Verdict check(String sub, String originJti, Instant issuedAt) {
        var keys = originJti == null
                ? List.of(Items.key(ID, "user#" + sub))
                : List.of(Items.key(ID, "user#" + sub), Items.key(ID, "origin#" + originJti));
        Verdict verdict = Verdict.VALID;
        for (Map<String, AttributeValue> item : table.getAll(keys, MAX_BATCH_ATTEMPTS)) {
            if (Items.string(item, ID).startsWith("origin#")) {
                return Verdict.REVOKED;
            }
            long signedOutAt = Items.number(item, SIGNED_OUT_AT, Long.MAX_VALUE);
            if (issuedAt == null || issuedAt.getEpochSecond() < signedOutAt) {
                return Verdict.REVOKED;
            }
            if (issuedAt.getEpochSecond() == signedOutAt) {
                verdict = Verdict.SAME_SECOND;
            }
        }
        return verdict;
    }

    /** Creates the table when missing (local mode; in aws mode the infrastructure makes it). */
    public void createTableIfMissing() {
        table.createIfMissing(ID, EXPIRES_AT);
    }
}
