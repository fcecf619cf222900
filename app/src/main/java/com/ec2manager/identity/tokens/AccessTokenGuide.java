package com.ec2manager.identity.tokens;

import com.ec2manager.aws.AwsEndpoints;
import com.ec2manager.identity.cognito.CognitoPool;
import org.springframework.stereotype.Component;

/**
 * How a person gets an access token for the JSON API: the AWS CLI command with this
 * deployment's pool, app client and region filled in, and Cognito's endpoint when it is not
 * AWS's own (local mode's emulator). An app
 * client with a secret needs a SECRET_HASH, which the guide says.
 */
@Component
public class AccessTokenGuide {

    private final CognitoPool pool;
    private final AwsEndpoints endpoints;
    AccessTokenGuide(CognitoPool pool, AwsEndpoints endpoints) {
        this.pool = pool;
        this.endpoints = endpoints;
    }

    /** The command for the person with this e-mail address; the password is left for them to type. */
    public String command(String email) {
        StringBuilder command = new StringBuilder("aws cognito-idp initiate-auth \\\n")
                .append("  --region ").append(endpoints.region().id()).append(" \\\n");
        if (endpointOverridden()) {
            command.append("  --endpoint-url ").append(endpoints.cognito()).append(" \\\n");
        }
        command.append("  --client-id ").append(pool.clientId()).append(" \\\n")
                .append("  --auth-flow USER_PASSWORD_AUTH \\\n")
                .append("  --auth-parameters 'USERNAME=").append(email).append(",PASSWORD=<your password>")
                .append(hasClientSecret() ? ",SECRET_HASH=<see below>" : "").append("' \\\n")
                .append("  --query AuthenticationResult.AccessToken --output text");
        return command.toString();
    }

    public String userPoolId() {
        return pool.userPoolId();
    }

    public String clientId() {
        return pool.clientId();
    }

    public boolean hasClientSecret() {
        return pool.clientSecret() != null;
    }

    /** Whether Cognito is reached at an address of its own (local mode's emulator), not AWS's. */
    public boolean endpointOverridden() {
        return endpoints.cognito() != null;
    }
}
