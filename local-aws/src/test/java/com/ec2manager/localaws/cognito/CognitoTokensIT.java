package com.ec2manager.localaws.cognito;

import static com.ec2manager.localaws.cognito.EmulatorFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CognitoTokensIT {

    @TempDir
    Path dataDir;

    @Test
    void withCognitosRealIssuerTheDiscoveryDocumentStillPointsAtTheEmulatorsOwnKeys() throws Exception {
        try (var fx = new EmulatorFixture(CognitoEmulatorSettings.defaults("127.0.0.1", 0, dataDir).withCognitoIssuer())) {
            String realIssuer = "https://cognito-idp.us-east-1.amazonaws.com/" + fx.poolId();
            JsonNode openId = JsonMapper.builder().build().readTree(get(URI.create(fx.emulator.endpoint() + "/"
                    + fx.poolId() + "/.well-known/openid-configuration")));
            assertThat(openId.get("issuer").asString()).isEqualTo(realIssuer);
            assertThat(openId.get("jwks_uri").asString()).isEqualTo(fx.emulator.jwksUri().toString());
            assertThat(JWKSet.parse(get(URI.create(openId.get("jwks_uri").asString()))).getKeys()).hasSize(2);
        }
    }

    @Test
    void tokensVerifyAgainstThePublishedKeysAndCarryCognitosClaims() throws Exception {
        try (var fx = new EmulatorFixture(dataDir)) {
            String email = fx.confirmedUser("claims", "admin");
            fx.cognito.adminUpdateUserAttributes(r -> r.userPoolId(fx.poolId()).username(email)
                    .userAttributes(EmulatorFixture.attr("custom:department", "Platform")));
            fx.cognito.adminAddUserToGroup(r -> r.userPoolId(fx.poolId()).username(email).groupName("admin"));
            AuthenticationResultType tokens = fx.signIn(email, PASSWORD);

            String issuer = fx.emulator.endpoint() + "/" + fx.poolId();
            assertThat(fx.emulator.issuer()).isEqualTo(issuer);
            JsonNode openId = JsonMapper.builder().build().readTree(get(URI.create(issuer + "/.well-known/openid-configuration")));
            assertThat(openId.get("issuer").asString()).isEqualTo(issuer);
            assertThat(openId.get("jwks_uri").asString()).isEqualTo(issuer + "/.well-known/jwks.json");
            JWKSet keys = JWKSet.parse(get(URI.create(openId.get("jwks_uri").asString())));
            assertThat(keys.getKeys()).hasSize(2).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());

            SignedJWT id = SignedJWT.parse(tokens.idToken());
            SignedJWT access = SignedJWT.parse(tokens.accessToken());
            for (SignedJWT jwt : new SignedJWT[] {id, access}) {
                assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
                var key = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
                assertThat(key).as("key %s in the JWKS", jwt.getHeader().getKeyID()).isNotNull();
                assertThat(jwt.verify(new RSASSAVerifier(key.toRSAKey()))).isTrue();
            }
            assertThat(id.getHeader().getKeyID()).isNotEqualTo(access.getHeader().getKeyID());

            JWTClaimsSet idClaims = id.getJWTClaimsSet();
            JWTClaimsSet accessClaims = access.getJWTClaimsSet();
            String sub = fx.cognito.adminGetUser(r -> r.userPoolId(fx.poolId()).username(email)).userAttributes().stream()
                    .filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
            long now = fx.clock.instant().getEpochSecond();

            assertThat(idClaims.getIssuer()).isEqualTo(issuer);
            assertThat(idClaims.getAudience()).containsExactly(fx.clientId());
            assertThat(idClaims.getStringClaim("token_use")).isEqualTo("id");
            assertThat(idClaims.getSubject()).isEqualTo(sub);
            assertThat(idClaims.getStringClaim("cognito:username")).isEqualTo(email);
            assertThat(idClaims.getStringClaim("email")).isEqualTo(email);
            assertThat(idClaims.getBooleanClaim("email_verified")).isTrue();
            assertThat(idClaims.getStringClaim("given_name")).isEqualTo("Grace");
            assertThat(idClaims.getStringClaim("family_name")).isEqualTo("Hopper");
            assertThat(idClaims.getStringClaim("custom:role")).isEqualTo("admin");
            assertThat(idClaims.getStringClaim("custom:department")).isEqualTo("Platform");
            assertThat(idClaims.getStringListClaim("cognito:groups")).containsExactly("admin");

            assertThat(accessClaims.getIssuer()).isEqualTo(issuer);
            assertThat(accessClaims.getAudience()).isEmpty();
            assertThat(accessClaims.getStringClaim("client_id")).isEqualTo(fx.clientId());
            assertThat(accessClaims.getStringClaim("token_use")).isEqualTo("access");
            assertThat(accessClaims.getStringClaim("username")).isEqualTo(email);
            assertThat(accessClaims.getStringClaim("scope")).isEqualTo("aws.cognito.signin.user.admin");
            assertThat(accessClaims.getStringListClaim("cognito:groups")).containsExactly("admin");
            assertThat(accessClaims.getClaim("custom:role")).isNull();

            for (JWTClaimsSet claims : new JWTClaimsSet[] {idClaims, accessClaims}) {
                assertThat(claims.getSubject()).isEqualTo(sub);
                assertThat(claims.getLongClaim("auth_time")).isEqualTo(now);
                assertThat(claims.getIssueTime().toInstant().getEpochSecond()).isEqualTo(now);
                assertThat(claims.getExpirationTime().toInstant().getEpochSecond()).isEqualTo(now + 3600);
                assertThat(claims.getJWTID()).isNotBlank();
                assertThat(claims.getStringClaim("event_id")).isNotBlank();
            }
            assertThat(idClaims.getStringClaim("origin_jti")).isEqualTo(accessClaims.getStringClaim("origin_jti"));
            assertThat(idClaims.getJWTID()).isNotEqualTo(accessClaims.getJWTID());
        }
    }

    @Test
    void theIssuerBaseIsConfigurable() throws Exception {
        var settings = CognitoEmulatorSettings.defaults("127.0.0.1", 0, dataDir).withIssuerBase("https://cognito-idp.us-east-1.amazonaws.com/");
        try (var fx = new EmulatorFixture(settings)) {
            String issuer = "https://cognito-idp.us-east-1.amazonaws.com/" + fx.poolId();
            assertThat(fx.emulator.issuer()).isEqualTo(issuer);
            assertThat(SignedJWT.parse(fx.signIn("admin@example.com", "Local-Admin-2025!").accessToken())
                    .getJWTClaimsSet().getIssuer()).isEqualTo(issuer);
        }
    }

    @Test
    void usersKeysAndSignInsSurviveARestart() throws Exception {
        String email;
        AuthenticationResultType tokens;
        String kid;
        int port;
        try (var fx = new EmulatorFixture(dataDir)) {
            port = fx.emulator.port();
            email = fx.confirmedUser("durable", "readonly");
            fx.cognito.adminAddUserToGroup(r -> r.userPoolId(fx.poolId()).username(email).groupName("readonly"));
            tokens = fx.signIn(email, PASSWORD);
            kid = SignedJWT.parse(tokens.accessToken()).getHeader().getKeyID();
        }
        assertThat(dataDir.resolve("cognito/state.json")).exists().content().doesNotContain(PASSWORD);
        // the same port, as in local mode: the issuer (and so the tokens' validity) depends on it
        try (var fx = new EmulatorFixture(CognitoEmulatorSettings.defaults("127.0.0.1", port, dataDir))) {
            assertThat(fx.cognito.getUser(r -> r.accessToken(tokens.accessToken())).username()).isEqualTo(email);
            var refreshed = fx.cognito.initiateAuth(r -> r.clientId(fx.clientId()).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                    .authParameters(Map.of("REFRESH_TOKEN", tokens.refreshToken()))).authenticationResult();
            assertThat(SignedJWT.parse(refreshed.accessToken()).getHeader().getKeyID()).isEqualTo(kid);
            assertThat(fx.signIn(email, PASSWORD).accessToken()).isNotBlank();
            assertThat(fx.cognito.adminListGroupsForUser(r -> r.userPoolId(fx.poolId()).username(email)).groups())
                    .singleElement().satisfies(g -> assertThat(g.groupName()).isEqualTo("readonly"));
            // the seed runs only for a new pool
            assertThat(fx.cognito.listUsers(r -> r.userPoolId(fx.poolId()).filter("email = \"admin@example.com\"")).users()).hasSize(1);
        }
    }

    @Test
    void aClientWithASecretRequiresTheSecretHash() {
        String secret = "s3cr3t-for-the-test-only-0123456789abcdef";
        var settings = CognitoEmulatorSettings.defaults("127.0.0.1", 0, dataDir).withClientSecret(secret);
        try (var fx = new EmulatorFixture(settings)) {
            assertThatThrownBy(() -> fx.initiate("admin@example.com", "Local-Admin-2025!"))
                    .isInstanceOf(NotAuthorizedException.class).hasMessageContaining("SECRET_HASH was not received");
            String wrong = UserPool.secretHash("another-secret", fx.clientId(), "admin@example.com");
            assertThatThrownBy(() -> signInWithHash(fx, wrong))
                    .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Unable to verify secret hash for client");
            String right = UserPool.secretHash(secret, fx.clientId(), "admin@example.com");
            assertThat(signInWithHash(fx, right).authenticationResult().accessToken()).isNotBlank();
            assertThat(fx.cognito.describeUserPoolClient(r -> r.userPoolId(fx.poolId()).clientId(fx.clientId()))
                    .userPoolClient().clientSecret()).isEqualTo(secret);
        }
    }

    private static software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse signInWithHash(
            EmulatorFixture fx, String hash) {
        return fx.cognito.initiateAuth(r -> r.clientId(fx.clientId()).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "admin@example.com", "PASSWORD", "Local-Admin-2025!", "SECRET_HASH", hash)));
    }

    private static String get(URI uri) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(uri.toString()).isEqualTo(200);
        return response.body();
    }
}
