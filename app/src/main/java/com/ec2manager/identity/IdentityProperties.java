package com.ec2manager.identity;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Cognito user pool the application signs people in with.
 *
 * @param userPoolId   the pool's id, e.g. {@code eu-west-1_AbCdEf123}; in local mode the
 *                     emulator's pool when empty
 * @param clientId     the app client's id; in local mode the emulator's client when empty
 * @param clientSecret the app client's secret, if it has one (never logged)
 * @param issuerBase   the base of the token issuer; empty means
 *                     {@code https://cognito-idp.<region>.amazonaws.com} in aws mode and the
 *                     Cognito endpoint in local mode
 * @param allowedClientIds further app clients whose access tokens the JSON API accepts
 */
@ConfigurationProperties("ec2manager.identity")
public record IdentityProperties(String userPoolId, String clientId, String clientSecret, URI issuerBase,
                                 List<String> allowedClientIds) {

    public IdentityProperties {
        allowedClientIds = allowedClientIds == null ? List.of() : List.copyOf(allowedClientIds);
    }

    @Override
    public String toString() {
        return "IdentityProperties[userPoolId=" + userPoolId + ", clientId=" + clientId + ", clientSecret=***]";
    }
}
