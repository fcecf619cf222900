package com.ec2manager.localaws.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.ec2manager.localaws.testing.RequiredTool;
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

    private static final Path PROJECT = Path.of("src", "test", "node", "aws-jwt-verify");
    private static final Path INSTALLED = Path.of("target", "aws-jwt-verify");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    @Test
    void awsJwtVerifyAcceptsTheEmulatorsTokensForTheirOwnUseOnlyWhenTheyCarryCognitosIssuer() throws Exception {
        Path script = install();
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
            JsonNode verdicts = node(script, input.toString());

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

    /** Copies the Node project to target/ and installs it there with npm ci, once per lock file. */
    private static Path install() throws Exception {
        RequiredTool.require("node", "AWS's token verifier runs on Node.js");
        RequiredTool.require("npm", "it installs aws-jwt-verify");
        Files.createDirectories(INSTALLED);
        Path lock = INSTALLED.resolve("package-lock.json");
        boolean current = Files.exists(INSTALLED.resolve("node_modules/aws-jwt-verify/package.json")) && Files.exists(lock)
                && Files.mismatch(lock, PROJECT.resolve("package-lock.json")) == -1;
        for (String file : List.of("package.json", "package-lock.json", "verify.mjs")) {
            Files.copy(PROJECT.resolve(file), INSTALLED.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!current) {
            run(INSTALLED, null, "npm", "ci", "--no-audit", "--no-fund");
        }
        return INSTALLED.resolve("verify.mjs");
    }

    private static JsonNode node(Path script, String stdin) throws Exception {
        return JSON.readTree(run(script.getParent(), stdin, "node", script.getFileName().toString()));
    }

    private static String run(Path dir, String stdin, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + err).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
