package com.ec2manager.identity;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.ec2manager.identity.signin.CookieSealer;
import com.ec2manager.identity.signin.SessionCookies;
import com.ec2manager.identity.signin.SessionKey;
import com.ec2manager.identity.signin.WebSession;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON API's Bearer check against forged and misused tokens, each refused with 401 and a
 * {@code WWW-Authenticate: Bearer} challenge; and revocation by sign-out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessTokenAttacksIT {

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        IdentityTestStack.register(registry);
    }

    @LocalServerPort
    int port;

    Browser client;
    AuthenticationResultType tokens;
    RSAKey issuerKey;

    @BeforeEach
    void signIn() {
        client = new Browser("http://127.0.0.1:" + port);
        tokens = cognitoSignIn(IdentityTestStack.ADMIN, IdentityTestStack.ADMIN_PASSWORD);
        issuerKey = IdentityTestStack.accessTokenSigningKey();
    }

    static AuthenticationResultType cognitoSignIn(String email, String password) {
        return IdentityTestStack.cognito().initiateAuth(b -> b.clientId(IdentityTestStack.clientId())
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", email, "PASSWORD", password))).authenticationResult();
    }

    HttpResponse<String> me(String token) {
        return client.api("GET", "/api/v1/me", token, null);
    }

    void assertRefused(String token) {
        HttpResponse<String> response = me(token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
        assertThat(response.body()).contains("\"requestId\"");
    }

    JWTClaimsSet.Builder realClaims() throws Exception {
        return new JWTClaimsSet.Builder(SignedJWT.parse(tokens.accessToken()).getJWTClaimsSet());
    }

    String signed(JWTClaimsSet claims, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void theRealAccessTokenIsAcceptedAndSoIsATokenForgedWithTheIssuersKeyWhichProvesTheHarness() throws Exception {
        HttpResponse<String> real = me(tokens.accessToken());
        assertThat(real.statusCode()).as(real.body()).isEqualTo(200);
        assertThat(real.body()).contains(IdentityTestStack.ADMIN).contains("admin");
        assertThat(me(signed(realClaims().build(), issuerKey)).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnsignedTokenWithAlgNoneIsRefused() throws Exception {
        assertRefused(new PlainJWT(realClaims().build()).serialize());
    }

    @Test
    void anHs256TokenSignedWithThePublicKeyIsRefused() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(issuerKey.getKeyID()).build(),
                realClaims().build());
        jwt.sign(new MACSigner(issuerKey.toRSAPublicKey().getEncoded()));
        assertRefused(jwt.serialize());
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        assertRefused(signed(realClaims().issuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Elsewhere").build(),
                issuerKey));
    }

    @Test
    void anIdTokenAsBearerIsRefused() {
        assertRefused(tokens.idToken());
    }

    @Test
    void anAccessTokenOfAnotherAppClientIsRefused() throws Exception {
        assertRefused(signed(realClaims().claim("client_id", "someotherappclient0000000").build(), issuerKey));
    }

    @Test
    void aTokenExpiredBeyondTheSkewIsRefusedButOneWithinItIsAccepted() throws Exception {
        Instant now = Instant.now();
        assertRefused(signed(realClaims().issueTime(Date.from(now.minusSeconds(3700)))
                .expirationTime(Date.from(now.minusSeconds(120))).build(), issuerKey));
        assertThat(me(signed(realClaims().issueTime(Date.from(now.minusSeconds(3630)))
                .expirationTime(Date.from(now.minusSeconds(30))).build(), issuerKey)).statusCode()).isEqualTo(200);
    }

    @Test
    void aTamperedSignatureIsRefused() throws Exception {
        String token = tokens.accessToken();
        int signatureStart = token.lastIndexOf('.') + 1;
        char first = token.charAt(signatureStart + 5);
        String tampered = token.substring(0, signatureStart + 5) + (first == 'A' ? 'B' : 'A') + token.substring(signatureStart + 6);
        assertRefused(tampered);
    }

    @Test
    void aTamperedPayloadIsRefused() throws Exception {
        String[] parts = tokens.accessToken().split("\\.");
        String forgedPayload = realClaims().claim("cognito:groups", java.util.List.of("admin", "superuser")).build()
                .toPayload().toBase64URL().toString();
        assertRefused(parts[0] + "." + forgedPayload + "." + parts[2]);
    }

    @Test
    void aTokenSignedWithAnUnknownKeyIdIsRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("unknown-" + UUID.randomUUID()).generate();
        assertRefused(signed(realClaims().build(), stranger));
        // a stranger claiming the issuer's key id fails the signature check
        RSAKey impostor = new RSAKeyGenerator(2048).keyID(issuerKey.getKeyID()).generate();
        assertRefused(signed(realClaims().build(), impostor));
    }

    @Test
    void noTokenAndAMalformedTokenAreRefused() {
        assertRefused(null);
        assertRefused("not-a-jwt");
    }

    @Test
    void afterSignOutInTheBrowserTheSessionsAccessTokenAndThePersonsOtherTokensAreRefused() throws Exception {
        String email = "revoked-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String password = "Revocable-Pass-1!";
        var cognito = IdentityTestStack.cognito();
        cognito.adminCreateUser(b -> b.userPoolId(IdentityTestStack.userPoolId()).username(email)
                .messageAction(MessageActionType.SUPPRESS).temporaryPassword("Temporary-Pass-1!")
                .userAttributes(attribute("email", email), attribute("email_verified", "true"),
                        attribute("given_name", "Rita"), attribute("family_name", "Revoked"),
                        attribute("custom:role", "readonly")));
        cognito.adminSetUserPassword(b -> b.userPoolId(IdentityTestStack.userPoolId()).username(email)
                .password(password).permanent(true));
        cognito.adminAddUserToGroup(b -> b.userPoolId(IdentityTestStack.userPoolId()).username(email).groupName("readonly"));

        String otherSessionToken = cognitoSignIn(email, password).accessToken();
        assertThat(me(otherSessionToken).statusCode()).isEqualTo(200);
        Thread.sleep(1100); // GlobalSignOut covers tokens issued before it; keep the second apart

        Browser browser = new Browser("http://127.0.0.1:" + port);
        assertThat(SignInPathsIT.signIn(browser, email, password).statusCode()).isEqualTo(302);
        String browserToken = sessionOf(browser).accessToken();
        assertThat(me(browserToken).statusCode()).isEqualTo(200);

        HttpResponse<String> out = browser.submit("/account", "/sign-out", Map.of());
        assertThat(out.statusCode()).isEqualTo(302);

        assertRefused(browserToken);
        assertRefused(otherSessionToken);
        assertThat(browser.get("/account").statusCode()).isEqualTo(302);
    }

    /** Opens the sealed session cookie with the key from the shared data folder, as any instance can. */
    static WebSession sessionOf(Browser browser) {
        StringBuilder sealed = new StringBuilder();
        for (int i = 0; i < SessionCookies.MAX_CHUNKS; i++) {
            String part = browser.cookie(SessionCookies.chunkName(i));
            if (part == null) {
                break;
            }
            sealed.append(part);
        }
        CookieSealer sealer = new CookieSealer(SessionKey.inDataFolder(IdentityTestStack.settings().dataDir()),
                Clock.systemUTC());
        return sealer.unseal(SessionCookies.SESSION, sealed.toString()).flatMap(WebSession::deserialize).orElseThrow();
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }
}
