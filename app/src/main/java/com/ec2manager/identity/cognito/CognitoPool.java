package com.ec2manager.identity.cognito;

import java.net.URI;
import java.util.Set;

/**
 * The resolved user pool: what tokens must say and where their keys are.
 *
 * @param userPoolId       the pool id
 * @param clientId         the application's app client
 * @param clientSecret     its secret, or {@code null} for a public client
 * @param issuer           the exact {@code iss} of the pool's tokens
 * @param jwksUri          the pool's JSON Web Key Set
 * @param allowedClientIds every {@code client_id} the JSON API accepts (the application's own included)
 */
public record CognitoPool(String userPoolId, String clientId, String clientSecret, String issuer, URI jwksUri,
                          Set<String> allowedClientIds) {

    public CognitoPool {
        allowedClientIds = Set.copyOf(allowedClientIds);
    }

    @Override
    public String toString() {
        return "CognitoPool[userPoolId=" + userPoolId + ", clientId=" + clientId + ", issuer=" + issuer + "]";
    }
}
