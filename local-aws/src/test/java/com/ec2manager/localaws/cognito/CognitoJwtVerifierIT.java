package com.ec2manager.localaws.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.ec2manager.localaws.testing.NodeProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * AWS's own Cognito token verifier, {@code aws-jwt-verify}'s {@code CognitoJwtVerifier} on Node.js
 * (installed from {@code src/test/node/aws-jwt-verify} with {@code npm ci}), given the emulator's
 * key set: with Cognito's real issuer it accepts the emulator's access and ID tokens, each only for
 * its own token use; with the emulator's own address as issuer it refuses them.
 */
class CognitoJwtVerifierIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    @Test
    void awsJwtVerifyAcceptsTheEmulatorsTokensForTheirOwnUseOnlyWhenTheyCarryCognitosIssuer() throws Exception {
        NodeProject verifier = install();
        SeedUser admin = CognitoEmulatorSettings.defaultSeedUsers().get(0);
        CognitoEmulatorSettings ownIssuer = CognitoEmulatorSettings.defaults("127.0.0.1", 0, dataDir);

        AuthenticationResultType ownIssuerTokens;
        try (CognitoEmulator emulator = CognitoEmulator.start(ownIssuer, Clock.systemUTC())) {
            ownIssuerTokens = signIn(emulator, admin);
        }
        // the same pool and keys (same data folder), now issuing as Cognito does
        try (CognitoEmulator emulator = CognitoEmulator.start(ownIssuer.withCognitoIssuer(), Clock.systemUTC())) {
            assertThat(emulator.issuer()).isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/" + emulator.userPoolId());
            AuthenticationResultType tokens = signIn(emulator, admin);
            String jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(emulator.jwksUri()).build(),
                    HttpResponse.BodyHandlers.ofString()).body();

            ObjectNode input = JSON.createObjectNode().put("userPoolId", emulator.userPoolId())
                    .put("clientId", emulator.clientId());
            input.set("jwks", JSON.readTree(jwks));
            input.putObject("tokens").put("access", tokens.accessToken()).put("id", tokens.idToken())
                    .put("own-issuer access", ownIssuerTokens.accessToken());
            JsonNode verdicts = node(verifier, input.toString());

            assertThat(verdicts.get("access as access").asString()).isEqualTo("accepted");
            assertThat(verdicts.get("id as id").asString()).isEqualTo("accepted");
            assertThat(verdicts.get("access as id").asString()).startsWith("refused").contains("Token use not allowed");
            assertThat(verdicts.get("id as access").asString()).startsWith("refused").contains("Token use not allowed");
            assertThat(verdicts.get("own-issuer access as access").asString()).startsWith("refused")
                    .containsIgnoringCase("issuer");
        }
    }

    private static AuthenticationResultType signIn(CognitoEmulator emulator, SeedUser user) {
        try (CognitoIdentityProviderClient cognito = EmulatorFixture.client(emulator)) {
            return cognito.initiateAuth(r -> r.clientId(emulator.clientId()).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", user.email(), "PASSWORD", user.password()))).authenticationResult();
        }
    }

    private static NodeProject install() throws Exception {
        return NodeProject.install("aws-jwt-verify", "aws-jwt-verify", List.of("package.json", "package-lock.json", "verify.mjs"),
                "AWS's token verifier runs on Node.js");
    }

    private static JsonNode node(NodeProject verifier, String stdin) throws Exception {
        return JSON.readTree(verifier.run(stdin, "node", "verify.mjs"));
    }
}
