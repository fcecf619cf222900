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
 * seconds only, and it is Cognito's clock while the revocation's moment is the application's: a
 * token issued in the second of the revocation, or up to {@code skew} after it by Cognito's clock,
 * may be older or newer than it. {@link Verdict#NEAR_REVOCATION} says so, and the caller asks
 * Cognito, which knows. Records
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
        /**
         * issued in the second of a revocation or within the clock skew after it: only Cognito can
         * tell which came first
         */
        NEAR_REVOCATION
    }

    /**
     * What the records say of a token, and the moment (epoch second) of the revocation it is near
     * or after, if any: Cognito's word on a token near a revocation holds for that revocation only.
     */
    public record Check(Verdict verdict, long revokedAt) {
    }

    private final DynamoDbClient dynamoDb;
    private final DynamoDbTable table;
    private final Clock clock;
    private final Duration skew;

    /**
     * @param skew how far Cognito's clock (a token's {@code iat}) may run ahead of this application's
     *             (a revocation's moment): tokens issued up to this long after a revocation are checked
     *             with Cognito rather than taken as newer
     */
    public TokenRevocations(DynamoDbClient dynamoDb, String table, Clock clock, Duration skew) {
        if (skew.isNegative()) {
            throw new IllegalArgumentException("the revocation skew cannot be negative");
        }
        this.dynamoDb = dynamoDb;
        this.table = new DynamoDbTable(dynamoDb, table, RevocationCheckUnavailableException::new);
        this.clock = clock;
        this.skew = skew;
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
    public Check check(String sub, String originJti, Instant issuedAt) {
        var keys = originJti == null
                ? List.of(Items.key(ID, "user#" + sub))
                : List.of(Items.key(ID, "user#" + sub), Items.key(ID, "origin#" + originJti));
        Check check = new Check(Verdict.VALID, 0);
        for (Map<String, AttributeValue> item : table.getAll(keys, MAX_BATCH_ATTEMPTS)) {
            if (Items.string(item, ID).startsWith("origin#")) {
                return new Check(Verdict.REVOKED, 0);
            }
            long signedOutAt = Items.number(item, SIGNED_OUT_AT, Long.MAX_VALUE);
            Verdict verdict = verdict(signedOutAt, issuedAt, skew);
            if (verdict == Verdict.REVOKED) {
                return new Check(verdict, signedOutAt);
            }
            if (verdict == Verdict.NEAR_REVOCATION) {
                check = new Check(verdict, signedOutAt);
            }
        }
        return check;
    }

    /**
     * A token issued before the revocation's second is revoked; one issued in that second or at most
     * {@code skew} (rounded up to whole seconds) after it is near it; a later one is valid.
     */
    static Verdict verdict(long revokedAt, Instant issuedAt, Duration skew) {
        if (issuedAt == null || issuedAt.getEpochSecond() < revokedAt) {
            return Verdict.REVOKED;
        }
        long window = skew.getSeconds() + (skew.getNano() > 0 ? 1 : 0);
        return issuedAt.getEpochSecond() - revokedAt <= window ? Verdict.NEAR_REVOCATION : Verdict.VALID;
    }

    /** Creates the table when missing (local mode; in aws mode the infrastructure makes it). */
    public void createTableIfMissing() {
        table.createIfMissing(ID, EXPIRES_AT);
    }
}
