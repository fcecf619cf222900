package com.ec2manager.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ec2manager.localaws.LocalStack;
import com.ec2manager.localaws.cognito.CognitoEmulatorSettings;
import com.ec2manager.localaws.sts.RoleTrust;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;

/** What the benchmarks that run the whole application share: ports, sign-in as a browser and as an API client, percentiles. */
final class LocalApp {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private LocalApp() {
    }

    /**
     * What every large-fleet benchmark changes in the application: patient EC2 calls (a page of 1,000
     * instances, 2.6 MB of XML, may take seconds to parse on a busy machine), a reconciler grace
     * longer than the slowest call (the kernel refuses one that is not), a call budget that does
     * not pace the reads being measured, the reconciler off, and a quiet log.
     */
    static List<String> largeFleetTuning() {
        return List.of("--ec2manager.aws.timeouts.ec2-attempt=300s",
                "--ec2manager.aws.timeouts.ec2-call=600s",
                "--ec2manager.audit.reconciler.grace=15m",
                "--ec2manager.inventory.calls-per-second=1000",
                "--ec2manager.inventory.call-burst=1000",
                "--ec2manager.audit.reconciler.enabled=false",
                "--logging.level.root=WARN");
    }

    /**
     * The application's arguments for a stack the benchmark started itself: every stand-in's address
     * (CloudWatch's too: without it the application asks the default port, and each account-region's
     * CPU read fails and is retried while the figures are taken).
     */
    static List<String> stackArguments(LocalStack stack, java.nio.file.Path dataDir) {
        return List.of("--ec2manager.local.start-stack=false",
                "--ec2manager.local.data-dir=" + dataDir,
                "--ec2manager.local.dynamodb-port=" + stack.dynamoDbEndpoint().getPort(),
                "--ec2manager.local.ec2-port=" + stack.ec2Endpoint().getPort(),
                "--ec2manager.local.cognito-port=" + stack.cognitoEndpoint().getPort(),
                "--ec2manager.local.s3-port=" + stack.s3Endpoint().getPort(),
                "--ec2manager.local.cloudwatch-port=" + stack.cloudWatchEndpoint().getPort());
    }

    /** The application's arguments for {@code accounts}, each reached through the local member role. */
    static List<String> accountArguments(List<String> accounts) {
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            String id = accounts.get(i);
            arguments.add("--ec2manager.accounts[" + i + "].id=" + id);
            arguments.add("--ec2manager.accounts[" + i + "].name=Account " + (i + 1));
            arguments.add("--ec2manager.accounts[" + i + "].role-arn="
                    + RoleTrust.roleArn(id, RoleTrust.LOCAL_ROLE_NAME));
            arguments.add("--ec2manager.accounts[" + i + "].external-id=" + RoleTrust.LOCAL_EXTERNAL_ID);
        }
        return arguments;
    }

    static double percentile(List<Double> values, int percentile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static void signIn(HttpClient browser, String base) throws Exception {
        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(URI.create(base + "/sign-in")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(form.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the sign-in page");
        }
        String body = "email=" + enc("admin@example.com") + "&password=" + enc(CognitoEmulatorSettings.defaultSeedUsers()
                .get(0).password()) + "&next=%2F&_csrf=" + enc(csrf.group(1));
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(base + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 302) {
            throw new IllegalStateException("sign-in answered " + signedIn.statusCode());
        }
    }

    static String accessToken(LocalStack stack) {
        try (CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(stack.cognitoEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench-secret")))
                .build()) {
            return cognito.initiateAuth(b -> b.authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .clientId(stack.cognito().clientId())
                    .authParameters(Map.of("USERNAME", "admin@example.com",
                            "PASSWORD", CognitoEmulatorSettings.defaultSeedUsers().get(0).password())))
                    .authenticationResult().accessToken();
        }
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
