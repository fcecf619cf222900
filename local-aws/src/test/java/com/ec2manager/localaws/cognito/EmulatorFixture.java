package com.ec2manager.localaws.cognito;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.ec2manager.localaws.testing.MutableClock;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/** One emulator on a free port with a hand-moved clock, and a real SDK client pointed at it. */
final class EmulatorFixture implements AutoCloseable {

    static final String PASSWORD = "Correct-Horse-9!";

    final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    final CognitoEmulator emulator;
    final CognitoIdentityProviderClient cognito;

    EmulatorFixture(Path dataDir) {
        this(CognitoEmulatorSettings.defaults("127.0.0.1", 0, dataDir));
    }

    EmulatorFixture(CognitoEmulatorSettings settings) {
        emulator = CognitoEmulator.start(settings, clock);
        cognito = client(emulator);
    }

    static CognitoIdentityProviderClient client(CognitoEmulator emulator) {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    String poolId() {
        return emulator.userPoolId();
    }

    String clientId() {
        return emulator.clientId();
    }

    static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** A user created by an administrator without e-mail, still holding {@code temporaryPassword}. */
    String createUser(String email, String role, String temporaryPassword) {
        cognito.adminCreateUser(r -> r.userPoolId(poolId()).username(email)
                .messageAction(MessageActionType.SUPPRESS)
                .temporaryPassword(temporaryPassword)
                .userAttributes(attr("email", email), attr("email_verified", "true"), attr("given_name", "Grace"),
                        attr("family_name", "Hopper"), attr("custom:role", role)));
        return email;
    }

    /** A confirmed user with {@link #PASSWORD}. */
    String confirmedUser(String prefix, String role) {
        String email = createUser(uniqueEmail(prefix), role, "Temporary-Pass-1!");
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId()).username(email).password(PASSWORD).permanent(true));
        return email;
    }

    InitiateAuthResponse initiate(String username, String password) {
        return cognito.initiateAuth(r -> r.clientId(clientId()).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password)));
    }

    AuthenticationResultType signIn(String username, String password) {
        return initiate(username, password).authenticationResult();
    }

    static AttributeType attr(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    @Override
    public void close() {
        cognito.close();
        emulator.close();
    }
}
