package com.ec2manager.localaws.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;

/** Faults per operation, as application tests inject them: refused before acting, slow, and acting without answering. */
class CognitoFaultsIT {

    @TempDir
    Path dataDir;
    EmulatorFixture fixture;

    @BeforeEach
    void start() {
        fixture = new EmulatorFixture(dataDir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aFailedOperationAnswersTheInjectedErrorAndDoesNothingUntilHealed() {
        String email = fixture.createUser(EmulatorFixture.uniqueEmail("refused"), "readonly", "Temporary-Pass-1!");
        fixture.emulator.failOperation("AdminDisableUser", CognitoFault.refused("LimitExceededException",
                "Attempt limit exceeded, please try after some time."));

        assertThatThrownBy(() -> fixture.cognito.adminDisableUser(r -> r.userPoolId(fixture.poolId()).username(email)))
                .isInstanceOfSatisfying(CognitoIdentityProviderException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LimitExceededException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Attempt limit exceeded, please try after some time.");
                });
        assertThat(enabled(email)).as("refused before acting").isTrue();
        assertThat(fixture.cognito.adminGetUser(r -> r.userPoolId(fixture.poolId()).username(email)).username())
                .as("other operations still answer").isEqualTo(email);

        fixture.emulator.healOperation("AdminDisableUser");
        fixture.cognito.adminDisableUser(r -> r.userPoolId(fixture.poolId()).username(email));
        assertThat(enabled(email)).isFalse();
    }

    @Test
    void failNextRefusesOnlyThatManyCallsSoTheSdksRetryGetsThrough() {
        String email = fixture.createUser(EmulatorFixture.uniqueEmail("throttled"), "readonly", "Temporary-Pass-1!");
        fixture.emulator.failNext("AdminDisableUser", 1, CognitoFault.throttled());

        // the SDK retries TooManyRequestsException: the second attempt acts
        fixture.cognito.adminDisableUser(r -> r.userPoolId(fixture.poolId()).username(email));
        assertThat(enabled(email)).isFalse();

        fixture.emulator.failNext("AdminEnableUser", 1, CognitoFault.internalError());
        try (CognitoIdentityProviderClient once = noRetries()) {
            assertThatThrownBy(() -> once.adminEnableUser(r -> r.userPoolId(fixture.poolId()).username(email)))
                    .isInstanceOfSatisfying(CognitoIdentityProviderException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(500);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalErrorException");
                    });
        }
        assertThat(enabled(email)).isFalse();
    }

    @Test
    void aStalledOperationActsAndAnswersTooLateForAnImpatientClient() {
        String email = fixture.createUser(EmulatorFixture.uniqueEmail("stalled"), "readonly", "Temporary-Pass-1!");
        fixture.emulator.stallAfterActing("AdminDisableUser", Duration.ofSeconds(2));

        try (CognitoIdentityProviderClient impatient = noRetries(Duration.ofMillis(500))) {
            assertThatThrownBy(() -> impatient.adminDisableUser(r -> r.userPoolId(fixture.poolId()).username(email)))
                    .isInstanceOf(ApiCallTimeoutException.class);
        }
        assertThat(enabled(email)).as("Cognito acted although the client never heard").isFalse();
    }

    @Test
    void aSlowOperationAnswersLate() {
        fixture.emulator.failOperation("ListUsers", CognitoFault.slow(Duration.ofMillis(300)));
        long start = System.nanoTime();
        fixture.cognito.listUsers(r -> r.userPoolId(fixture.poolId()));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        fixture.emulator.clearFaults();
    }

    @Test
    void anOperationTheEmulatorDoesNotServeCannotBeFaulted() {
        assertThatThrownBy(() -> fixture.emulator.failOperation("AdminFlyToTheMoon", CognitoFault.internalError()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AdminDisableUser");
    }

    private boolean enabled(String email) {
        return fixture.cognito.adminGetUser(r -> r.userPoolId(fixture.poolId()).username(email)).enabled();
    }

    private CognitoIdentityProviderClient noRetries() {
        return noRetries(Duration.ofSeconds(10));
    }

    private CognitoIdentityProviderClient noRetries(Duration callTimeout) {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(fixture.emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(callTimeout))
                .build();
    }
}
