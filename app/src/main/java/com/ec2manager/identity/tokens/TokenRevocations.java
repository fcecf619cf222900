package com.ec2manager.identity.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.ec2manager.aws.ExpiringTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

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

    private static final Logger log = LoggerFactory.getLogger(TokenRevocations.class);
    /** Cognito access tokens live at most one day. */
    static final Duration RETENTION = Duration.ofDays(2);
    /** BatchGetItem rounds for keys DynamoDB leaves unprocessed. */
    static final int MAX_BATCH_ATTEMPTS = 3;

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
    private final String table;
    private final Clock clock;

    public TokenRevocations(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    /** Records the sign-out of a person and of the session whose token is given. */
    public void signedOut(String sub, String originJti) {
        Instant now = clock.instant();
        String expiresAt = Long.toString(now.plus(RETENTION).getEpochSecond());
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of(
                "id", s("user#" + sub),
                "signedOutAt", n(Long.toString(now.getEpochSecond())),
                "expiresAt", n(expiresAt))));
        if (originJti != null) {
            dynamoDb.putItem(b -> b.tableName(table).item(Map.of(
                    "id", s("origin#" + originJti), "expiresAt", n(expiresAt))));
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
                ? List.of(Map.of("id", s("user#" + sub)))
                : List.of(Map.of("id", s("user#" + sub)), Map.of("id", s("origin#" + originJti)));
        Map<String, KeysAndAttributes> request = Map.of(table,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        try {
            for (int attempt = 0; attempt < MAX_BATCH_ATTEMPTS && !request.isEmpty(); attempt++) {
                if (attempt > 0) {
                    backOff(attempt);
                }
                var response = dynamoDb.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
                items.addAll(response.responses().getOrDefault(table, List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        } catch (SdkException e) {
            log.warn("token revocations cannot be read: {}", e.getMessage());
            throw new RevocationCheckUnavailableException(e);
        }
        if (!request.isEmpty()) {
            log.warn("token revocations: DynamoDB left keys unprocessed after {} attempts", MAX_BATCH_ATTEMPTS);
            throw new RevocationCheckUnavailableException(null);
        }
        Verdict verdict = Verdict.VALID;
        for (Map<String, AttributeValue> item : items) {
            String id = item.get("id").s();
            if (id.startsWith("origin#")) {
                return Verdict.REVOKED;
            }
            long signedOutAt = Long.parseLong(item.get("signedOutAt").n());
            if (issuedAt == null || issuedAt.getEpochSecond() < signedOutAt) {
                return Verdict.REVOKED;
            }
            if (issuedAt.getEpochSecond() == signedOutAt) {
                verdict = Verdict.SAME_SECOND;
            }
        }
        return verdict;
    }

    /** DynamoDB asks for exponential backoff before unprocessed keys are asked again: 20 ms, then 40 ms. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(10L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RevocationCheckUnavailableException(e);
        }
    }

    /** Creates the table when missing (local mode; in aws mode the infrastructure makes it). */
    public void createTableIfMissing() {
        ExpiringTables.createIfMissing(dynamoDb, table, "id", "expiresAt");
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(String value) {
        return AttributeValue.builder().n(value).build();
    }
}
