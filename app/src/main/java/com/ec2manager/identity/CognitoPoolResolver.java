package com.ec2manager.identity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import com.ec2manager.aws.AwsEndpoints;
import com.ec2manager.aws.AwsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Settles which pool, app client, issuer and key set the application trusts. In aws mode they
 * are configuration. In local mode anything not configured is asked of the Cognito emulator
 * itself (ListUserPools, ListUserPoolClients, DescribeUserPoolClient and the pool's OpenID
 * configuration), so that instances sharing a stack started elsewhere need no settings.
 */
final class CognitoPoolResolver {

    private static final Logger log = LoggerFactory.getLogger(CognitoPoolResolver.class);

    private CognitoPoolResolver() {
    }

    static CognitoPool resolve(IdentityProperties identity, AwsProperties aws, AwsEndpoints endpoints,
                               CognitoIdentityProviderClient cognito) {
        String poolId = blankToNull(identity.userPoolId());
        String clientId = blankToNull(identity.clientId());
        String clientSecret = blankToNull(identity.clientSecret());
        if (poolId == null) {
            if (!aws.local()) {
                throw new IllegalStateException("ec2manager.identity.user-pool-id is required in aws mode");
            }
            poolId = cognito.listUserPools(b -> b.maxResults(60)).userPools().stream().findFirst()
                    .orElseThrow(() -> new IllegalStateException("the local Cognito emulator has no user pool")).id();
        }
        if (clientId == null) {
            if (!aws.local()) {
                throw new IllegalStateException("ec2manager.identity.client-id is required in aws mode");
            }
            String pool = poolId;
            clientId = cognito.listUserPoolClients(b -> b.userPoolId(pool).maxResults(60)).userPoolClients().stream()
                    .findFirst().orElseThrow(() -> new IllegalStateException("the local user pool has no app client"))
                    .clientId();
            String client = clientId;
            clientSecret = blankToNull(cognito.describeUserPoolClient(b -> b.userPoolId(pool).clientId(client))
                    .userPoolClient().clientSecret());
        }
        String issuer;
        URI jwks;
        if (identity.issuerBase() != null) {
            issuer = stripSlash(identity.issuerBase().toString()) + "/" + poolId;
            jwks = URI.create(issuer + "/.well-known/jwks.json");
        } else if (aws.local()) {
            URI discovery = URI.create(stripSlash(endpoints.cognito().toString()) + "/" + poolId
                    + "/.well-known/openid-configuration");
            JsonNode configuration = fetch(discovery);
            issuer = configuration.path("issuer").asString();
            jwks = URI.create(configuration.path("jwks_uri").asString());
        } else {
            issuer = "https://cognito-idp." + endpoints.region().id() + ".amazonaws.com/" + poolId;
            jwks = URI.create(issuer + "/.well-known/jwks.json");
        }
        Set<String> allowed = new LinkedHashSet<>();
        allowed.add(clientId);
        allowed.addAll(identity.allowedClientIds());
        CognitoPool resolved = new CognitoPool(poolId, clientId, clientSecret, issuer, jwks, allowed);
        log.info("signing in with {}", resolved);
        return resolved;
    }

    private static JsonNode fetch(URI uri) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode());
            }
            return JsonMapper.builder().build().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + uri, e);
        }
    }

    private static String stripSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
