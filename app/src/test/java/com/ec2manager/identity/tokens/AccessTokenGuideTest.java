package com.ec2manager.identity.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Set;

import com.ec2manager.aws.AwsEndpoints;
import com.ec2manager.identity.cognito.CognitoPool;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class AccessTokenGuideTest {

    private static final CognitoPool POOL = new CognitoPool("eu-west-1_Pool42", "client-7", null,
            "https://issuer/eu-west-1_Pool42", URI.create("https://issuer/jwks"), Set.of("client-7"));

    @Test
    void theCommandNamesThisDeploymentsClientRegionAndThePerson() {
        AccessTokenGuide guide = new AccessTokenGuide(POOL, new AwsEndpoints(Region.EU_WEST_1, null, null, null, null, null));

        String command = guide.command("ada@example.com");

        assertThat(command).startsWith("aws cognito-idp initiate-auth").contains("--region eu-west-1",
                "--client-id client-7", "--auth-flow USER_PASSWORD_AUTH", "USERNAME=ada@example.com",
                "--query AuthenticationResult.AccessToken");
        // AWS's own Cognito: no endpoint to point at
        assertThat(command).doesNotContain("--endpoint-url", "SECRET_HASH");
        assertThat(guide.endpointOverridden()).isFalse();
    }

    @Test
    void aCognitoOfItsOwnAddressIsNamedAndAClientSecretAsksForTheHash() {
        CognitoPool withSecret = new CognitoPool("us-east-1_Ec2MgrLcl", "local-client", "s3cret",
                "http://127.0.0.1:9229/us-east-1_Ec2MgrLcl", URI.create("http://127.0.0.1:9229/jwks"), Set.of("local-client"));
        AccessTokenGuide guide = new AccessTokenGuide(withSecret,
                new AwsEndpoints(Region.US_EAST_1, null, null, URI.create("http://127.0.0.1:9229"), null, null));

        assertThat(guide.command("ada@example.com")).contains("--endpoint-url http://127.0.0.1:9229", "SECRET_HASH")
                .doesNotContain("s3cret");
        assertThat(guide.endpointOverridden()).isTrue();
    }
}
