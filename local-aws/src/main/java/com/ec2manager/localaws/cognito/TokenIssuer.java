package com.ec2manager.localaws.cognito;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signs ID and access tokens the way Cognito does: RS256, one RSA key per token kind (so the two
 * carry different {@code kid}s), kept in {@code keys.json} so that tokens survive a restart.
 */
final class TokenIssuer {

    static final String SCOPE = "aws.cognito.signin.user.admin";

    /** Makes a signing key on a thread of its own, which ends with it. */
    private static final java.util.concurrent.Executor KEY_MAKER = task -> {
        Thread thread = new Thread(task, "cognito-emulator-key");
        thread.setDaemon(true);
        thread.start();
    };

    record Tokens(String idToken, String accessToken) {
    }

    /** The checked claims of an access token presented to GetUser, ChangePassword and the like. */
    record AccessClaims(String sub, String username, String originJti, String clientId) {
    }

    /** The ID token's key and the access token's. */
    private record SigningKeys(RSAKey id, RSAKey access) {
    }

    private final Path keysFile;
    private final ObjectMapper json;
    /** Null until a new pool's keys are first needed. */
    private CompletableFuture<SigningKeys> keys;
    private final String issuer;
    private final String clientId;
    private final Duration idTokenValidity;
    private final Duration accessTokenValidity;

    TokenIssuer(Path keysFile, ObjectMapper json, String issuer, String clientId,
                Duration idTokenValidity, Duration accessTokenValidity) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.idTokenValidity = idTokenValidity;
        this.accessTokenValidity = accessTokenValidity;
        this.keysFile = keysFile;
        this.json = json;
        if (Files.exists(keysFile)) {
            keys = CompletableFuture.completedFuture(read(keysFile, json));
        }
    }

    private static SigningKeys read(Path keysFile, ObjectMapper json) {
        try {
            var stored = json.readTree(Files.readString(keysFile));
            return new SigningKeys(RSAKey.parse(stored.get("idTokenKey").toString()),
                    RSAKey.parse(stored.get("accessTokenKey").toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("the Cognito emulator's signing keys in " + keysFile + " are unusable", e);
        } catch (ParseException e) {
            throw new IllegalStateException("the Cognito emulator's signing keys in " + keysFile + " are unusable", e);
        }
    }

    private static SigningKeys store(SigningKeys made, Path keysFile, ObjectMapper json) {
        try {
            ObjectNode stored = json.createObjectNode();
            stored.set("idTokenKey", json.readTree(made.id().toJSONString()));
            stored.set("accessTokenKey", json.readTree(made.access().toJSONString()));
            Files.createDirectories(keysFile.getParent());
            Path tmp = Files.createTempFile(keysFile.getParent(), "keys", ".part");
            restrictToOwner(tmp);
            Files.writeString(tmp, json.writerWithDefaultPrettyPrinter().writeValueAsString(stored));
            Files.move(tmp, keysFile, StandardCopyOption.ATOMIC_MOVE);
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("the Cognito emulator's signing keys could not be kept in " + keysFile, e);
        }
    }

    /**
     * The keys; on a new pool they are made by the first token or key set asked for, not at start:
     * a 2048-bit key takes the client compiler a second or more of CPU, which the application's
     * start-up beside it would pay. The two are made side by side.
     */
    private SigningKeys keys() {
        CompletableFuture<SigningKeys> made;
        synchronized (this) {
            if (keys == null) {
                keys = CompletableFuture.supplyAsync(TokenIssuer::generate, KEY_MAKER)
                        .thenCombine(CompletableFuture.supplyAsync(TokenIssuer::generate, KEY_MAKER), SigningKeys::new)
                        .thenApply(generated -> store(generated, keysFile, json));
            }
            made = keys;
        }
        try {
            return made.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    String issuer() {
        return issuer;
    }

    String idKeyId() {
        return keys().id().getKeyID();
    }

    String accessKeyId() {
        return keys().access().getKeyID();
    }

    /** The public halves, as {@code /.well-known/jwks.json} serves them. */
    String jwksJson() {
        return new JWKSet(List.of(keys().id().toPublicJWK(), keys().access().toPublicJWK())).toString(true);
    }

    Tokens issue(PoolUser user, TokenGrant grant, Instant now) {
        List<String> groups = new ArrayList<>(user.groups);
        JWTClaimsSet.Builder id = new JWTClaimsSet.Builder()
                .subject(user.sub);
        if (!groups.isEmpty()) {
            id.claim("cognito:groups", groups);
        }
        id.claim("email_verified", user.emailVerified())
                .issuer(issuer)
                .claim("cognito:username", user.username)
                .claim("given_name", user.attributes.get("given_name"))
                .claim("origin_jti", grant.originJti)
                .audience(clientId)
                .claim("event_id", grant.eventId)
                .claim("token_use", "id")
                .claim("auth_time", grant.authTime.getEpochSecond())
                .expirationTime(Date.from(now.plus(idTokenValidity)))
                .issueTime(Date.from(now))
                .claim("family_name", user.attributes.get("family_name"))
                .jwtID(UUID.randomUUID().toString())
                .claim("email", user.email());
        for (Map.Entry<String, String> attribute : user.attributes.entrySet()) {
            if (attribute.getKey().startsWith("custom:")) {
                id.claim(attribute.getKey(), attribute.getValue());
            }
        }
        JWTClaimsSet.Builder access = new JWTClaimsSet.Builder().subject(user.sub);
        if (!groups.isEmpty()) {
            access.claim("cognito:groups", groups);
        }
        access.issuer(issuer)
                .claim("client_id", clientId)
                .claim("origin_jti", grant.originJti)
                .claim("event_id", grant.eventId)
                .claim("token_use", "access")
                .claim("scope", SCOPE)
                .claim("auth_time", grant.authTime.getEpochSecond())
                .expirationTime(Date.from(now.plus(accessTokenValidity)))
                .issueTime(Date.from(now))
                .jwtID(UUID.randomUUID().toString())
                .claim("username", user.username);
        return new Tokens(sign(id.build(), keys().id()), sign(access.build(), keys().access()));
    }

    /**
     * Checks an access token's signature, kind, issuer and expiry, with Cognito's messages;
     * revocation is the pool's business.
     */
    AccessClaims verifyAccessToken(String token, Instant now) {
        if (token == null || token.isBlank()) {
            throw CognitoException.missing("AccessToken");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
                    || !keys().access().getKeyID().equals(jwt.getHeader().getKeyID())
                    || !jwt.verify(new RSASSAVerifier(keys().access()))) {
                throw invalidAccessToken();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!"access".equals(claims.getStringClaim("token_use")) || !issuer.equals(claims.getIssuer())) {
                throw invalidAccessToken();
            }
            if (claims.getExpirationTime() == null || !now.isBefore(claims.getExpirationTime().toInstant())) {
                throw CognitoException.notAuthorized("Access Token has expired");
            }
            return new AccessClaims(claims.getSubject(), claims.getStringClaim("username"),
                    claims.getStringClaim("origin_jti"), claims.getStringClaim("client_id"));
        } catch (ParseException | JOSEException e) {
            throw invalidAccessToken();
        }
    }

    private static CognitoException invalidAccessToken() {
        return CognitoException.notAuthorized("Invalid Access Token");
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("a token could not be signed", e);
        }
    }

    private static RSAKey generate() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
            // Cognito's key ids are standard base64 of a digest; the key's own thumbprint makes one.
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.computeThumbprint().decode());
            String kid = Base64.getEncoder().encodeToString(digest);
            return new RSAKey.Builder(key).keyID(kid).build();
        } catch (JOSEException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("a signing key could not be generated", e);
        }
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: the data folder's own permissions must do
        }
    }

}
