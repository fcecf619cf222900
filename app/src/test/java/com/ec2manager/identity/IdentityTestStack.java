package com.ec2manager.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.ec2manager.localaws.LocalStackSettings;
import com.ec2manager.localaws.cognito.CognitoEmulatorSettings;
import com.ec2manager.testing.TestLocalStack;
import com.nimbusds.jose.jwk.RSAKey;
import org.springframework.test.context.DynamicPropertyRegistry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The test JVM's shared local stack (its Cognito emulator included), plus what tests need to
 * look behind the emulator: the outbox files and the access-token signing key in the data folder.
 */
public final class IdentityTestStack {

    static final String ADMIN = "admin@example.com";
    static final String ADMIN_PASSWORD = "Local-Admin-2025!";
    static final String READER = "readonly@example.com";
    static final String READER_PASSWORD = "Local-Reader-2025!";

    private IdentityTestStack() {
    }

    static LocalStackSettings settings() {
        return TestLocalStack.get().settings();
    }

    public static void register(DynamicPropertyRegistry registry) {
        settings();
        TestLocalStack.register(registry);
    }

    static URI cognitoEndpoint() {
        LocalStackSettings settings = settings();
        return URI.create("http://" + settings.host() + ":" + settings.cognitoPort());
    }

    public static CognitoIdentityProviderClient cognito() {
        return CognitoIdentityProviderClient.builder().endpointOverride(cognitoEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret")))
                .build();
    }

    /**
     * A readonly user made directly in the pool (no audit record), still holding the temporary
     * password {@code Temporary-Pass-1!}; its e-mail address is its user name.
     */
    static String createReadonlyUser(String prefix) {
        String email = prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        try (CognitoIdentityProviderClient cognito = cognito()) {
            cognito.adminCreateUser(b -> b.userPoolId(userPoolId()).username(email)
                    .messageAction("SUPPRESS").temporaryPassword("Temporary-Pass-1!")
                    .userAttributes(t -> t.name("email").value(email), t -> t.name("email_verified").value("true"),
                            t -> t.name("given_name").value("Not"), t -> t.name("family_name").value("Touched"),
                            t -> t.name("custom:role").value("readonly")));
            cognito.adminAddUserToGroup(b -> b.userPoolId(userPoolId()).username(email).groupName("readonly"));
        }
        return email;
    }

    public static String userPoolId() {
        return CognitoEmulatorSettings.DEFAULT_USER_POOL_ID;
    }

    static String clientId() {
        return CognitoEmulatorSettings.DEFAULT_CLIENT_ID;
    }

    static String issuer() {
        return cognitoEndpoint() + "/" + userPoolId();
    }

    /** The emulator's private key for access tokens: lets a test make a token only the issuer could. */
    static RSAKey accessTokenSigningKey() {
        try {
            // a new pool makes (and keeps) its keys when they are first asked for
            var http = java.net.http.HttpClient.newHttpClient();
            http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(issuer() + "/.well-known/jwks.json")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            var stored = JsonMapper.builder().build().readTree(
                    Files.readString(settings().dataDir().resolve("cognito").resolve("keys.json")));
            return RSAKey.parse(stored.get("accessTokenKey").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The newest message in the outbox to the address that arrived after {@code since}, waiting briefly for it. */
    static String latestMessageTo(String address, Instant since) {
        Path folder = settings().dataDir().resolve("cognito").resolve("outbox");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(folder)) {
                List<Path> candidates = files.filter(f -> f.toString().endsWith(".eml"))
                        .filter(f -> modifiedAfter(f, since))
                        .sorted(Comparator.comparing(Path::getFileName).reversed()).toList();
                for (Path file : candidates) {
                    String text = Files.readString(file);
                    if (text.toLowerCase().contains("to: " + address.toLowerCase())) {
                        return text;
                    }
                }
            } catch (IOException e) {
                // the folder may not exist yet
            }
            sleep();
        }
        throw new AssertionError("no message to " + address + " in " + folder);
    }

    private static boolean modifiedAfter(Path file, Instant since) {
        try {
            return !Files.getLastModifiedTime(file).toInstant().isBefore(since.minusSeconds(1));
        } catch (IOException e) {
            return false;
        }
    }

    /** The code in a "Your verification code is 123456." message. */
    static String code(String message) {
        Matcher matcher = Pattern.compile("verification code is (\\d+)").matcher(message);
        if (!matcher.find()) {
            throw new AssertionError("no code in " + message);
        }
        return matcher.group(1);
    }

    /** The password in a "… temporary password is X." message. */
    static String temporaryPassword(String message) {
        Matcher matcher = Pattern.compile("temporary password is (.+)\\.\\s*$", Pattern.MULTILINE).matcher(message);
        if (!matcher.find()) {
            throw new AssertionError("no temporary password in " + message);
        }
        return matcher.group(1);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The sub Cognito gave the user with this e-mail. */
    static String subOf(String email) {
        return cognito().adminGetUser(b -> b.userPoolId(userPoolId()).username(email)).userAttributes().stream()
                .filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
    }
}
