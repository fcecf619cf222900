package com.ec2manager.identity;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

import com.ec2manager.aws.AwsEndpoints;
import com.ec2manager.aws.AwsProperties;
import com.ec2manager.localaws.cognito.CognitoEmulatorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles which pool, app client, issuer and key set the application trusts. In aws mode they
 * are configuration. In local mode anything not configured is the Cognito emulator's fixed
 * default (pool {@code us-east-1_Ec2MgrLcl}, its app client without a secret, the issuer
 * {@code <Cognito endpoint>/<poolId>}), so that instances sharing a stack started elsewhere need
 * no settings, and the application starts before the emulator answers (nothing is called here).
 */
final class CognitoPoolResolver {

    private static final Logger log = LoggerFactory.getLogger(CognitoPoolResolver.class);

    private CognitoPoolResolver() {
    }

    static CognitoPool resolve(IdentityProperties identity, AwsProperties aws, AwsEndpoints endpoints) {
        String poolId = blankToNull(identity.userPoolId());
        String clientId = blankToNull(identity.clientId());
        String clientSecret = blankToNull(identity.clientSecret());
        if (!aws.local() && (poolId == null || clientId == null)) {
            throw new IllegalStateException("ec2manager.identity.user-pool-id and ec2manager.identity.client-id are "
                    + "required in aws mode");
        }
        if (poolId == null) {
            poolId = CognitoEmulatorSettings.DEFAULT_USER_POOL_ID;
        }
        if (clientId == null) {
            clientId = CognitoEmulatorSettings.DEFAULT_CLIENT_ID;
        }
        String base;
        if (identity.issuerBase() != null) {
            base = identity.issuerBase().toString();
        } else if (aws.local()) {
            base = endpoints.cognito().toString(); // the emulator issues <its own base URL>/<poolId>
        } else {
            base = "https://cognito-idp." + endpoints.region().id() + ".amazonaws.com";
        }
        String issuer = stripSlash(base) + "/" + poolId;
        URI jwks = URI.create(issuer + "/.well-known/jwks.json");
        Set<String> allowed = new LinkedHashSet<>();
        allowed.add(clientId);
        allowed.addAll(identity.allowedClientIds());
        CognitoPool resolved = new CognitoPool(poolId, clientId, clientSecret, issuer, jwks, allowed);
        log.info("signing in with {}", resolved);
        return resolved;
    }

    private static String stripSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
