package com.ec2manager.infra;

import static com.ec2manager.infra.SynthesizedDeployment.list;
import static com.ec2manager.infra.SynthesizedDeployment.onlyResource;
import static com.ec2manager.infra.SynthesizedDeployment.properties;
import static com.ec2manager.infra.SynthesizedDeployment.resourcesOfType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.map;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Template;

/** The user pool against {@code database-schema.md}, its groups and the server's app client. */
class UserPoolTest {

    private static final String POOL = "AWS::Cognito::UserPool";
    private static final String CLIENT = "AWS::Cognito::UserPoolClient";
    private static Template data;

    @BeforeAll
    static void synthesize() {
        data = SynthesizedDeployment.standard().data();
    }

    @Test
    void theAttributesAreTheSeeds() {
        assertThat(list(properties(data, POOL).get("Schema"))).containsExactlyInAnyOrder(
                Map.of("Name", "email", "Required", true, "Mutable", false),
                Map.of("Name", "given_name", "Required", true, "Mutable", true),
                Map.of("Name", "family_name", "Required", true, "Mutable", true),
                Map.of("Name", "role", "AttributeDataType", "String", "Mutable", false),
                Map.of("Name", "department", "AttributeDataType", "String", "Mutable", true));
    }

    @Test
    void passwordsFollowTheSeedsPolicyAndTemporaryOnesLastSevenDays() {
        assertThat(properties(data, POOL)).containsEntry("Policies", Map.of("PasswordPolicy", Map.of(
                "MinimumLength", 12,
                "RequireUppercase", true,
                "RequireLowercase", true,
                "RequireNumbers", true,
                "RequireSymbols", true,
                "TemporaryPasswordValidityDays", 7)));
    }

    @Test
    void mfaIsOptionalWithAuthenticatorAppsOnly() {
        assertThat(properties(data, POOL))
                .containsEntry("MfaConfiguration", "OPTIONAL")
                .containsEntry("EnabledMfas", List.of("SOFTWARE_TOKEN_MFA"))
                .doesNotContainKey("SmsConfiguration");
    }

    @Test
    void accountsAreRecoveredByVerifiedEmailOnly() {
        assertThat(properties(data, POOL)).containsEntry("AccountRecoverySetting", Map.of(
                "RecoveryMechanisms", List.of(Map.of("Name", "verified_email", "Priority", 1))));
    }

    @Test
    void onlyAdministratorsCreateUsersWhoSignInWithTheirVerifiedEmail() {
        var pool = properties(data, POOL);

        assertThat(pool.get("AdminCreateUserConfig")).asInstanceOf(map(String.class, Object.class))
                .containsEntry("AllowAdminCreateUserOnly", true);
        assertThat(pool).containsEntry("UsernameAttributes", List.of("email"))
                .containsEntry("AutoVerifiedAttributes", List.of("email"));
    }

    @Test
    void thePoolIsNeitherDeletableNorDeletedWithTheStack() {
        var resource = onlyResource(data, POOL);

        assertThat(resource).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
        assertThat(properties(data, POOL)).containsEntry("DeletionProtection", "ACTIVE");
    }

    @Test
    void theGroupsMirrorTheTwoRoles() {
        var groups = resourcesOfType(data, "AWS::Cognito::UserPoolGroup").stream()
                .map(group -> (Object) ((Map<?, ?>) group.get("Properties")).get("GroupName"))
                .toList();

        assertThat(groups).containsExactlyInAnyOrder("admin", "readonly");
    }

    @Test
    void theServerClientSignsInWithPasswordsAndRefreshesNothingElse() {
        var client = properties(data, CLIENT);

        assertThat(list(client.get("ExplicitAuthFlows")))
                .containsExactlyInAnyOrder("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");
        assertThat(client).containsEntry("AllowedOAuthFlowsUserPoolClient", false)
                .doesNotContainKey("CallbackURLs");
    }

    @Test
    void theServerClientHidesWhetherAUserExistsAndHasASecret() {
        assertThat(properties(data, CLIENT))
                .containsEntry("PreventUserExistenceErrors", "ENABLED")
                .containsEntry("GenerateSecret", true)
                .containsEntry("EnableTokenRevocation", true);
    }

    @Test
    void tokensLiveMinutesAndRefreshTokensOneShift() {
        var client = properties(data, CLIENT);

        assertThat(client).containsEntry("TokenValidityUnits",
                Map.of("AccessToken", "minutes", "IdToken", "minutes", "RefreshToken", "minutes"));
        assertThat((Integer) client.get("AccessTokenValidity")).isBetween(15, 60);
        assertThat((Integer) client.get("IdTokenValidity")).isBetween(15, 60);
        assertThat((Integer) client.get("RefreshTokenValidity")).isBetween(8 * 60, 12 * 60);
    }

    @Test
    void theClientSecretGoesToSecretsManagerAndIsNeverLogged() {
        var secrets = resourcesOfType(data, "AWS::SecretsManager::Secret");
        assertThat(secrets).hasSize(1);
        var secretString = ((Map<?, ?>) secrets.get(0).get("Properties")).get("SecretString");
        assertThat(secretString).isInstanceOf(Map.class).asString()
                .contains("Fn::GetAtt").contains("UserPoolClient.ClientSecret");

        var describeClient = resourcesOfType(data, "Custom::DescribeCognitoUserPoolClient");
        assertThat(describeClient).hasSize(1);
        assertThat(describeClient.get(0).get("Properties").toString())
                .contains("logApiResponseData\":false")
                .doesNotContain("logApiResponseData\":true");
    }

    @Test
    void theDataStackNamesThePoolTheClientAndTheTable() {
        var outputs = data.findOutputs("*");

        assertThat(outputs).containsKeys("UserPoolId", "UserPoolClientId", "AuditTableName", "ClientSecretArn");
    }
}
