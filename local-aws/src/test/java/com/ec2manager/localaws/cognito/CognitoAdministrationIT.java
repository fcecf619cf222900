package com.ec2manager.localaws.cognito;

import static com.ec2manager.localaws.cognito.EmulatorFixture.attr;
import static com.ec2manager.localaws.cognito.EmulatorFixture.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnsupportedUserStateException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

class CognitoAdministrationIT {

    @TempDir
    static Path dataDir;
    static EmulatorFixture fx;

    @BeforeAll
    static void start() {
        fx = new EmulatorFixture(dataDir);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void callsSignedForAnotherRegionFindNoPoolThere() {
        String email = fx.confirmedUser("region", "readonly");
        try (var elsewhere = CognitoIdentityProviderClient.builder().endpointOverride(fx.emulator.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThatThrownBy(() -> elsewhere.adminGetUser(r -> r.userPoolId(fx.poolId()).username(email)))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageContaining("User pool " + fx.poolId() + " does not exist.");
            assertThat(elsewhere.listUserPools(r -> r.maxResults(60)).userPools()).isEmpty();
        }
        // the twin: signed for the pool's own region, the same call finds the user
        assertThat(fx.cognito.adminGetUser(r -> r.userPoolId(fx.poolId()).username(email)).username()).isNotBlank();
    }

    @Test
    void thePoolIsListedAndDescribedAsTheSeedConfiguresIt() {
        var pools = fx.cognito.listUserPools(r -> r.maxResults(60)).userPools();
        assertThat(pools).singleElement().satisfies(p -> assertThat(p.id()).isEqualTo("us-east-1_Ec2MgrLcl"));

        var pool = fx.cognito.describeUserPool(r -> r.userPoolId(fx.poolId())).userPool();
        var policy = pool.policies().passwordPolicy();
        assertThat(policy.minimumLength()).isEqualTo(12);
        assertThat(policy.requireUppercase()).isTrue();
        assertThat(policy.requireLowercase()).isTrue();
        assertThat(policy.requireNumbers()).isTrue();
        assertThat(policy.requireSymbols()).isTrue();
        assertThat(policy.temporaryPasswordValidityDays()).isEqualTo(7);
        assertThat(pool.mfaConfigurationAsString()).isEqualTo("OPTIONAL");
        assertThat(pool.accountRecoverySetting().recoveryMechanisms()).singleElement().satisfies(m -> {
            assertThat(m.nameAsString()).isEqualTo("verified_email");
            assertThat(m.priority()).isEqualTo(1);
        });
        assertThat(pool.arn()).endsWith(":userpool/us-east-1_Ec2MgrLcl");
        assertThat(pool.creationDate()).isEqualTo(fx.clock.instant());
        Map<String, SchemaAttributeType> schema = pool.schemaAttributes().stream()
                .collect(Collectors.toMap(SchemaAttributeType::name, a -> a));
        assertThat(schema.get("email").required()).isTrue();
        assertThat(schema.get("email").mutable()).isFalse();
        assertThat(schema.get("given_name").required()).isTrue();
        assertThat(schema.get("given_name").mutable()).isTrue();
        assertThat(schema.get("family_name").required()).isTrue();
        assertThat(schema.get("email_verified").attributeDataTypeAsString()).isEqualTo("Boolean");
        assertThat(schema.get("custom:role").mutable()).isFalse();
        assertThat(schema.get("custom:department").mutable()).isTrue();
        assertThat(schema.get("custom:department").stringAttributeConstraints().maxLength()).isEqualTo("256");
    }

    @Test
    void theAppClientIsListedAndDescribed() {
        assertThat(fx.cognito.listUserPoolClients(r -> r.userPoolId(fx.poolId())).userPoolClients())
                .singleElement().satisfies(c -> assertThat(c.clientId()).isEqualTo(fx.clientId()));
        var client = fx.cognito.describeUserPoolClient(r -> r.userPoolId(fx.poolId()).clientId(fx.clientId())).userPoolClient();
        assertThat(client.explicitAuthFlowsAsStrings()).containsExactly("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");
        assertThat(client.clientSecret()).isNull();
        assertThat(client.enableTokenRevocation()).isTrue();
        assertThat(client.accessTokenValidity()).isEqualTo(60);
        assertThatThrownBy(() -> fx.cognito.describeUserPool(r -> r.userPoolId("us-east-1_Nope00000")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageStartingWith("User pool us-east-1_Nope00000 does not exist.");
    }

    @Test
    void anAdministratorCreatesAUserWithAGeneratedPasswordThatIsEmailed() {
        String email = uniqueEmail("new");
        UserType user = fx.cognito.adminCreateUser(r -> r.userPoolId(fx.poolId()).username(email)
                .desiredDeliveryMediumsWithStrings("EMAIL")
                .userAttributes(attr("email", email), attr("email_verified", "true"), attr("given_name", "Ann"),
                        attr("family_name", "Lee"), attr("custom:role", "readonly"), attr("custom:department", "Ops"))).user();
        assertThat(user.username()).isEqualTo(email);
        assertThat(user.userStatusAsString()).isEqualTo("FORCE_CHANGE_PASSWORD");
        assertThat(user.enabled()).isTrue();
        assertThat(attributes(user.attributes()).get("sub")).matches("[0-9a-f-]{36}");
        OutboxMessage invitation = fx.emulator.outbox().latestTo(email).orElseThrow();
        assertThat(invitation.body()).startsWith("Your username is " + email + " and temporary password is ");
        // Cognito itself puts nobody in a group: the application does
        assertThat(fx.cognito.adminListGroupsForUser(r -> r.userPoolId(fx.poolId()).username(email)).groups()).isEmpty();
    }

    @Test
    void suppressSendsNothingAndAGivenTemporaryPasswordMustFollowThePolicy() {
        String email = uniqueEmail("quiet");
        assertThatThrownBy(() -> fx.createUser(email, "readonly", "short"))
                .isInstanceOf(InvalidPasswordException.class).hasMessageContaining("Password not long enough");
        fx.createUser(email, "readonly", "Temporary-Pass-1!");
        assertThat(fx.emulator.outbox().latestTo(email)).isEmpty();
        assertThatThrownBy(() -> fx.createUser(email, "readonly", "Temporary-Pass-1!"))
                .isInstanceOf(UsernameExistsException.class).hasMessageStartingWith("User account already exists");
        assertThatThrownBy(() -> fx.createUser(email.toUpperCase(), "readonly", "Temporary-Pass-1!"))
                .isInstanceOf(UsernameExistsException.class);
    }

    @Test
    void resendIsOnlyForUsersWhoNeverSignedIn() {
        String email = fx.confirmedUser("resend", "readonly");
        assertThatThrownBy(() -> fx.cognito.adminCreateUser(r -> r.userPoolId(fx.poolId()).username(email)
                .messageAction(MessageActionType.RESEND))).isInstanceOf(UnsupportedUserStateException.class);
        assertThatThrownBy(() -> fx.cognito.adminCreateUser(r -> r.userPoolId(fx.poolId()).username("ghost@example.com")
                .messageAction(MessageActionType.RESEND))).isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void theRoleMustBeAdminOrReadonlyAndTheRequiredAttributesPresent() {
        String email = uniqueEmail("role");
        assertThatThrownBy(() -> fx.createUser(email, "superuser", "Temporary-Pass-1!"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("custom:role");
        assertThatThrownBy(() -> fx.cognito.adminCreateUser(r -> r.userPoolId(fx.poolId()).username(email)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(attr("email", email), attr("custom:role", "admin"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("Attributes did not conform to the schema: given_name: The attribute given_name is required");
        assertThatThrownBy(() -> fx.cognito.adminCreateUser(r -> r.userPoolId(fx.poolId()).username(email)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(attr("email", email), attr("given_name", "A"), attr("family_name", "B"),
                        attr("custom:role", "admin"), attr("custom:shoe_size", "42"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("custom:shoe_size: Attribute does not exist in the schema.");
        assertThatThrownBy(() -> fx.cognito.adminGetUser(r -> r.userPoolId(fx.poolId()).username(email)))
                .isInstanceOf(UserNotFoundException.class).hasMessageStartingWith("User does not exist.");
    }

    @Test
    void immutableAttributesCannotBeUpdatedAndMutableOnesCan() {
        String email = fx.confirmedUser("update", "readonly");
        assertThatThrownBy(() -> update(email, attr("email", "other@example.com")))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("user.email: Attribute cannot be updated.");
        assertThatThrownBy(() -> update(email, attr("custom:role", "admin")))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("user.custom:role: Attribute cannot be updated.");
        assertThatThrownBy(() -> update(email, attr("given_name", "")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Required attribute cannot be deleted.");
        update(email, attr("given_name", "Margaret"), attr("custom:department", "Platform"));
        var user = fx.cognito.adminGetUser(r -> r.userPoolId(fx.poolId()).username(email));
        assertThat(attributes(user.userAttributes())).containsEntry("given_name", "Margaret")
                .containsEntry("custom:department", "Platform").containsEntry("custom:role", "readonly")
                .containsEntry("email", email);
        assertThat(user.userLastModifiedDate()).isEqualTo(fx.clock.instant());
    }

    @Test
    void groupsAreAddedListedAndRemoved() {
        String email = fx.confirmedUser("groups", "admin");
        fx.cognito.adminAddUserToGroup(r -> r.userPoolId(fx.poolId()).username(email).groupName("admin"));
        fx.cognito.adminAddUserToGroup(r -> r.userPoolId(fx.poolId()).username(email).groupName("readonly"));
        assertThat(groups(email)).containsExactly("admin", "readonly");
        fx.cognito.adminRemoveUserFromGroup(r -> r.userPoolId(fx.poolId()).username(email).groupName("readonly"));
        assertThat(groups(email)).containsExactly("admin");
        assertThatThrownBy(() -> fx.cognito.adminAddUserToGroup(r -> r.userPoolId(fx.poolId()).username(email).groupName("root")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageStartingWith("Group not found.");
        assertThat(fx.cognito.listUsersInGroup(r -> r.userPoolId(fx.poolId()).groupName("admin")).users())
                .extracting(UserType::username).contains(email, "admin@example.com");
    }

    @Test
    void theSeededUsersAreConfirmedAndInTheGroupOfTheirRole() {
        assertThat(groups("admin@example.com")).containsExactly("admin");
        assertThat(groups("readonly@example.com")).containsExactly("readonly");
        var admin = fx.cognito.adminGetUser(r -> r.userPoolId(fx.poolId()).username("admin@example.com"));
        assertThat(admin.userStatusAsString()).isEqualTo("CONFIRMED");
        assertThat(attributes(admin.userAttributes())).containsEntry("email_verified", "true").containsEntry("custom:role", "admin");
    }

    @Test
    void disableEnableAndDeleteChangeTheUser() {
        String email = fx.confirmedUser("lifecycle", "readonly");
        fx.cognito.adminDisableUser(r -> r.userPoolId(fx.poolId()).username(email));
        assertThat(fx.cognito.adminGetUser(r -> r.userPoolId(fx.poolId()).username(email)).enabled()).isFalse();
        fx.cognito.adminEnableUser(r -> r.userPoolId(fx.poolId()).username(email));
        assertThat(fx.cognito.adminGetUser(r -> r.userPoolId(fx.poolId()).username(email)).enabled()).isTrue();
        fx.cognito.adminDeleteUser(r -> r.userPoolId(fx.poolId()).username(email));
        assertThatThrownBy(() -> fx.cognito.adminGetUser(r -> r.userPoolId(fx.poolId()).username(email)))
                .isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> fx.cognito.adminDeleteUser(r -> r.userPoolId(fx.poolId()).username(email)))
                .isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void paginationTokensAreOpaqueAndAForgedOneIsRefused() {
        String prefix = "opaque" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            fx.createUser(prefix + "-" + i + "@example.com", "readonly", "Temporary-Pass-1!");
        }
        String filter = "email ^= \"" + prefix + "\"";
        ListUsersResponse first = fx.cognito.listUsers(r -> r.userPoolId(fx.poolId()).limit(1).filter(filter));
        String lastName = first.users().get(0).username();
        String token = first.paginationToken();

        assertThat(token).isNotNull().doesNotContain(lastName);
        assertThat(decodesTo(token)).doesNotContain(lastName);
        // a token made from a user name, as the emulator once issued them, is refused
        String forged = java.util.Base64.getEncoder().encodeToString(lastName.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> fx.cognito.listUsers(r -> r.userPoolId(fx.poolId()).limit(1).filter(filter)
                .paginationToken(forged))).isInstanceOf(InvalidParameterException.class);
        // the issued token still leads to the next user
        assertThat(fx.cognito.listUsers(r -> r.userPoolId(fx.poolId()).limit(1).filter(filter).paginationToken(token))
                .users()).extracting(UserType::username).singleElement().isNotEqualTo(lastName);
    }

    private static String decodesTo(String token) {
        try {
            return new String(java.util.Base64.getUrlDecoder().decode(token), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }

    @Test
    void listUsersFiltersAndPages() {
        String prefix = "page" + System.nanoTime();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(fx.createUser(prefix + "-" + i + "@example.com", "readonly", "Temporary-Pass-1!"));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String current = token;
            ListUsersResponse page = fx.cognito.listUsers(r -> r.userPoolId(fx.poolId()).limit(2)
                    .filter("email ^= \"" + prefix + "\"").paginationToken(current));
            assertThat(page.users()).hasSizeLessThanOrEqualTo(2);
            page.users().forEach(u -> seen.add(u.username()));
            token = page.paginationToken();
            pages++;
        } while (token != null);
        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(pages).isEqualTo(3);

        assertThat(fx.cognito.listUsers(r -> r.userPoolId(fx.poolId()).filter("email = \"" + created.get(3) + "\"")).users())
                .extracting(UserType::username).containsExactly(created.get(3));
        assertThat(fx.cognito.listUsers(r -> r.userPoolId(fx.poolId()).filter("cognito:user_status = \"FORCE_CHANGE_PASSWORD\"")).users())
                .extracting(UserType::username).containsAll(created).doesNotContain("admin@example.com");
        assertThatThrownBy(() -> fx.cognito.listUsers(r -> r.userPoolId(fx.poolId()).limit(61)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("less than or equal to 60");
        assertThatThrownBy(() -> fx.cognito.listUsers(r -> r.userPoolId(fx.poolId()).filter("custom:role = \"admin\"")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void aFilterLongerThanCognitosLimitIsAnInvalidParameterEvenWithAValueOfThousandsOfCharacters() {
        String longest = "email = \"" + "a".repeat(256 - 10) + "\"";
        assertThat(longest).hasSize(256);
        assertThat(fx.cognito.listUsers(r -> r.userPoolId(fx.poolId()).filter(longest)).users()).isEmpty();
        for (int length : new int[] {257, 2_100, 100_000}) {
            String value = "x\\\"".repeat(length / 3);
            assertThatThrownBy(() -> fx.cognito.listUsers(r -> r.userPoolId(fx.poolId())
                    .filter("email = \"" + value + "\"")))
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("length less than or equal to 256");
        }
    }

    @Test
    void anAdministratorSignsAUserOutEverywhere() {
        String email = fx.confirmedUser("adminsignout", "readonly");
        String access = fx.signIn(email, EmulatorFixture.PASSWORD).accessToken();
        fx.cognito.adminUserGlobalSignOut(r -> r.userPoolId(fx.poolId()).username(email));
        assertThatThrownBy(() -> fx.cognito.getUser(r -> r.accessToken(access))).hasMessageStartingWith("Access Token has been revoked");
    }

    @Test
    void unsignedAdministrativeCallsAreRefusedAndUnknownOperationsToo() throws Exception {
        HttpResponse<String> unsigned = post("AWSCognitoIdentityProviderService.ListUsers",
                "{\"UserPoolId\":\"" + fx.poolId() + "\"}", null);
        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(unsigned.body()).contains("\"__type\":\"MissingAuthenticationTokenException\"")
                .contains("\"message\":\"Missing Authentication Token\"");
        assertThat(unsigned.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");

        HttpResponse<String> wrongService = post("AWSCognitoIdentityProviderService.ListUsers",
                "{\"UserPoolId\":\"" + fx.poolId() + "\"}",
                "AWS4-HMAC-SHA256 Credential=AKID/20250301/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=abc");
        assertThat(wrongService.body()).contains("InvalidSignatureException");

        HttpResponse<String> publicCall = post("AWSCognitoIdentityProviderService.InitiateAuth",
                "{\"ClientId\":\"" + fx.clientId() + "\",\"AuthFlow\":\"USER_PASSWORD_AUTH\","
                        + "\"AuthParameters\":{\"USERNAME\":\"readonly@example.com\",\"PASSWORD\":\"Local-Reader-2025!\"}}", null);
        assertThat(publicCall.statusCode()).isEqualTo(200);
        assertThat(publicCall.body()).contains("\"AuthenticationResult\"");

        assertThat(post("AWSCognitoIdentityProviderService.CreateUserPool", "{}", null).body())
                .contains("UnknownOperationException");
        assertThat(post("AWSCognitoIdentityProviderService.InitiateAuth", "{not json", null).body())
                .contains("SerializationException");
    }

    @Test
    void theSdkSurfacesCognitosErrorCodes() {
        assertThatThrownBy(() -> fx.cognito.adminGetUser(r -> r.userPoolId(fx.poolId()).username("nobody@example.com")))
                .isInstanceOfSatisfying(CognitoIdentityProviderException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UserNotFoundException");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.requestId()).isNotBlank();
                });
    }

    @Test
    void theOutboxIsReadableOverHttpNewestFirst() throws Exception {
        String first = uniqueEmail("mail-a");
        String second = uniqueEmail("mail-b");
        for (String email : List.of(first, second)) {
            fx.cognito.adminCreateUser(r -> r.userPoolId(fx.poolId()).username(email)
                    .userAttributes(attr("email", email), attr("given_name", "<b>X</b>"), attr("family_name", "Y"),
                            attr("custom:role", "readonly")));
            fx.clock.advance(java.time.Duration.ofSeconds(1));
        }
        HttpClient http = HttpClient.newHttpClient();
        String html = http.send(HttpRequest.newBuilder(fx.emulator.endpoint().resolve("/outbox")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(html).contains("Cognito outbox").contains(first).contains(second);
        assertThat(html.indexOf(second)).isLessThan(html.indexOf(first));
        String json = http.send(HttpRequest.newBuilder(fx.emulator.endpoint().resolve("/outbox.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(json).contains("\"to\":\"" + second + "\"").contains("\"subject\":\"Your temporary password\"");
        assertThat(fx.emulator.outbox().folder().resolve(fx.emulator.outbox().latestTo(second).orElseThrow().id() + ".eml"))
                .exists().content().contains("To: " + second).contains("Subject: Your temporary password");
    }

    private void update(String email, AttributeType... attributes) {
        fx.cognito.adminUpdateUserAttributes(r -> r.userPoolId(fx.poolId()).username(email).userAttributes(attributes));
    }

    private List<String> groups(String email) {
        return fx.cognito.adminListGroupsForUser(r -> r.userPoolId(fx.poolId()).username(email)).groups().stream()
                .map(GroupType::groupName).toList();
    }

    private static Map<String, String> attributes(List<AttributeType> attributes) {
        return attributes.stream().collect(Collectors.toMap(AttributeType::name, AttributeType::value));
    }

    private static HttpResponse<String> post(String target, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fx.emulator.endpoint() + "/"))
                .header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Date", "20250301T090000Z")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
