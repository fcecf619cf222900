package com.ec2manager.aws;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a setting left empty means in the running mode. Made once, by the mode's configuration
 * ({@code AwsModeConfiguration} or {@code localmode.LocalModeConfiguration}), so that features read
 * values instead of asking which mode they are in.
 *
 * @param createsTables whether the application creates its DynamoDB tables when missing (local);
 *                      in aws mode the deployment makes them
 * @param secureCookies whether cookies are marked {@code Secure} (plain HTTP on loopback in local mode)
 * @param dataDir       the local data folder where generated secrets are kept; {@code null} in aws mode
 * @param userPoolId    the user pool used when none is configured; {@code null}: one must be configured
 * @param clientId      the app client used when none is configured; {@code null}: one must be configured
 * @param issuerBase    tokens are issued by {@code <issuerBase>/<pool id>}
 * @param keysBase      the key set is fetched from {@code <keysBase>/<pool id>/.well-known/jwks.json};
 *                      {@code null}: from the issuer's address
 * @param baseUrl       the address people reach the application at when none is configured;
 *                      {@code null}: one must be configured ({@code ec2manager.console.base-url})
 */
public record ModeDefaults(boolean createsTables, boolean secureCookies, Path dataDir,
                           String userPoolId, String clientId, URI issuerBase, URI keysBase, URI baseUrl) {

    /** Real AWS: nothing is created or generated, the pool must be configured, Cognito's own issuer. */
    public static ModeDefaults aws(AwsEndpoints endpoints) {
        URI cognito = URI.create("https://cognito-idp." + endpoints.region().id() + ".amazonaws.com");
        return new ModeDefaults(false, true, null, null, null, cognito, null, null);
    }

    /** The folder where this mode keeps generated secrets, if it keeps any. */
    public Optional<Path> secretsFolder() {
        return Optional.ofNullable(dataDir);
    }
}
