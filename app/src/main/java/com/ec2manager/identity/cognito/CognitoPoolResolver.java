package com.ec2manager.identity.cognito;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

import com.ec2manager.aws.ModeDefaults;
import com.ec2manager.identity.IdentityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles which pool, app client, issuer and key set the application trusts: what is configured,
 * else the mode's defaults. In aws mode pool and client must be configured; in local mode they are
 * the Cognito emulator's fixed ones, so that instances sharing a stack started elsewhere need no
 * settings, and the application starts before the emulator answers (nothing is called here).
 */
public final class CognitoPoolResolver {

    private static final Logger log = LoggerFactory.getLogger(CognitoPoolResolver.class);

    private CognitoPoolResolver() {
    }

    public static CognitoPool resolve(IdentityProperties identity, ModeDefaults mode) {
        String poolId = orDefault(identity.userPoolId(), mode.userPoolId());
        String clientId = orDefault(identity.clientId(), mode.clientId());
        String clientSecret = blankToNull(identity.clientSecret());
        if (poolId == null || clientId == null) {
            throw new IllegalStateException("ec2manager.identity.user-pool-id and ec2manager.identity.client-id are "
                    + "required in aws mode");
        }
        String issuer = stripSlash((identity.issuerBase() != null ? identity.issuerBase() : mode.issuerBase()).toString())
                + "/" + poolId;
        // local mode may issue Cognito's real issuer name while its keys are served by the emulator
        String keys = mode.keysBase() != null ? stripSlash(mode.keysBase().toString()) + "/" + poolId : issuer;
        URI jwks = URI.create(keys + "/.well-known/jwks.json");
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

    private static String orDefault(String configured, String modeDefault) {
        String value = blankToNull(configured);
        return value != null ? value : modeDefault;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
