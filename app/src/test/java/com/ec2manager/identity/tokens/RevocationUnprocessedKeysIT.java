package com.ec2manager.identity.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.ec2manager.failure.FailureKind;
import com.ec2manager.localaws.testing.MutableClock;
import com.ec2manager.testing.TestLocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DynamoDB under throttling answers BatchGetItem with some keys left in {@code UnprocessedKeys};
 * DynamoDB Local never does, so an SDK interceptor turns DynamoDB Local's real answers into that
 * for the first calls. The revocation check asks again for the unprocessed keys, and when they stay
 * unprocessed the check is unavailable (answered 503, see {@code DynamoDbDownIT}), never "not revoked".
 */
class RevocationUnprocessedKeysIT {

    /** How many of the next BatchGetItem answers come back with every key unprocessed. */
    private static final AtomicInteger throttledAnswers = new AtomicInteger();
    private static final AtomicInteger batchCalls = new AtomicInteger();
    private static DynamoDbClient dynamoDb;

    private final Clock clock = new MutableClock(Instant.parse("2030-05-01T12:00:00Z"));
    private TokenRevocations revocations;

    @BeforeAll
    static void throttlingClient() {
        ExecutionInterceptor throttling = new ExecutionInterceptor() {
            @Override
            public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
                if (context.response() instanceof BatchGetItemResponse
                        && context.request() instanceof BatchGetItemRequest request) {
                    batchCalls.incrementAndGet();
                    if (throttledAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        // as DynamoDB does under throttling: nothing read, every key to ask again
                        return BatchGetItemResponse.builder().unprocessedKeys(request.requestItems()).build();
                    }
                }
                return context.response();
            }
        };
        dynamoDb = DynamoDbClient.builder()
                .endpointOverride(TestLocalStack.get().dynamoDbEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(throttling))
                .build();
    }

    @AfterAll
    static void close() {
        dynamoDb.close();
    }

    @BeforeEach
    void table() {
        revocations = new TokenRevocations(dynamoDb, "revocations-unprocessed-it", clock, Duration.ofSeconds(5));
        revocations.createTableIfMissing();
        throttledAnswers.set(0);
        batchCalls.set(0);
    }

    @Test
    void keysLeftUnprocessedAreAskedForAgainAndARevokedTokenStaysRevoked() {
        String sub = UUID.randomUUID().toString();
        Instant issued = clock.instant().minus(Duration.ofMinutes(5));
        revocations.revokeAll(sub);

        throttledAnswers.set(TokenRevocations.MAX_BATCH_ATTEMPTS - 1);
        assertThat(revocations.check(sub, "jti-" + sub, issued).verdict()).isEqualTo(TokenRevocations.Verdict.REVOKED);
        assertThat(batchCalls).as("every attempt was made").hasValue(TokenRevocations.MAX_BATCH_ATTEMPTS);
    }

    @Test
    void keysStillUnprocessedAfterEveryAttemptMakeTheCheckUnavailableNeverValid() {
        String sub = UUID.randomUUID().toString();
        Instant issued = clock.instant().minus(Duration.ofMinutes(5));
        revocations.revokeAll(sub);

        throttledAnswers.set(TokenRevocations.MAX_BATCH_ATTEMPTS);
        assertThatThrownBy(() -> revocations.check(sub, "jti-" + sub, issued))
                .isInstanceOfSatisfying(RevocationCheckUnavailableException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.UNAVAILABLE);
                    assertThat(e.code()).isEqualTo("SignInCheckUnavailable");
                });
        // the same for a token nobody revoked: unprocessed is not "no record"
        throttledAnswers.set(TokenRevocations.MAX_BATCH_ATTEMPTS);
        assertThatThrownBy(() -> revocations.check(UUID.randomUUID().toString(), null, issued))
                .isInstanceOf(RevocationCheckUnavailableException.class);

        assertThat(revocations.check(sub, "jti-" + sub, issued).verdict()).as("once DynamoDB answers again")
                .isEqualTo(TokenRevocations.Verdict.REVOKED);
    }
}
