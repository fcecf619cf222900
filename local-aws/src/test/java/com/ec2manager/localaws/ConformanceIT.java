package com.ec2manager.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.ec2manager.localaws.cognito.CognitoEmulator;
import com.ec2manager.localaws.cognito.CognitoEmulatorSettings;
import com.ec2manager.localaws.ec2.Ec2Emulator;
import com.ec2manager.localaws.ec2.Ec2EmulatorSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * The emulators' conformance driver, in the manner of S3Mock's tests: behaviour that AWS shows,
 * written once and run against each target. Always against the emulators; also against real AWS
 * when asked ({@code -Dconformance.aws=true} or {@code CONFORMANCE_AWS=true}) and the SDK's
 * default chain finds credentials, so that the emulators' fidelity can be re-verified. Without
 * that, one test says once that real AWS was skipped. Only calls that read or fail are made:
 * nothing is created, changed or billed in the account.
 */
class ConformanceIT {

    private static final String REGION = System.getProperty("conformance.region", "us-east-1");

    @TempDir
    static Path dataDir;
    private static Ec2Emulator ec2Emulator;
    private static CognitoEmulator cognitoEmulator;
    private static final List<AutoCloseable> clients = new ArrayList<>();

    /** One side of the comparison: AWS's clients or the emulators'. */
    record Target(String name, Ec2Client ec2, CognitoIdentityProviderClient cognito) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void startEmulators() {
        ec2Emulator = Ec2Emulator.start(Ec2EmulatorSettings.forTests(null), Clock.systemUTC());
        cognitoEmulator = CognitoEmulator.start(CognitoEmulatorSettings.defaults("127.0.0.1", 0, dataDir));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        cognitoEmulator.close();
        ec2Emulator.close();
    }

    static List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        AwsCredentialsProvider local = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret"));
        targets.add(target("emulators", local, ec2Emulator.endpoint(), cognitoEmulator.endpoint()));
        if (againstAws()) {
            targets.add(target("AWS " + REGION, DefaultCredentialsProvider.builder().build(), null, null));
        }
        return targets;
    }

    private static Target target(String name, AwsCredentialsProvider credentials, java.net.URI ec2, java.net.URI cognito) {
        var ec2Builder = Ec2Client.builder().region(Region.of(REGION)).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create());
        var cognitoBuilder = CognitoIdentityProviderClient.builder().region(Region.of(REGION))
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create());
        if (ec2 != null) {
            ec2Builder.endpointOverride(ec2);
            cognitoBuilder.endpointOverride(cognito);
        }
        Target target = new Target(name, ec2Builder.build(), cognitoBuilder.build());
        clients.add(target.ec2());
        clients.add(target.cognito());
        return target;
    }

    private static boolean againstAws() {
        if (!Boolean.getBoolean("conformance.aws") && !"true".equalsIgnoreCase(System.getenv("CONFORMANCE_AWS"))) {
            return false;
        }
        try {
            DefaultCredentialsProvider.builder().build().resolveCredentials();
            return true;
        } catch (SdkClientException noCredentials) {
            return false;
        }
    }

    @Test
    void realAwsIsCheckedOnlyWhenAskedForAndCredentialsAreThere() {
        Assumptions.assumeTrue(againstAws(), "real AWS skipped: set -Dconformance.aws=true (or CONFORMANCE_AWS=true) "
                + "with credentials the SDK's default chain finds, to run these conformance tests against AWS too");
        assertThat(targets()).extracting(Target::name).contains("AWS " + REGION);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void anUnknownInstanceIdIsInvalidInstanceIdNotFound(Target target) {
        AwsServiceException error = catchThrowableOfType(AwsServiceException.class,
                () -> target.ec2().describeInstances(r -> r.instanceIds("i-0fedcba9876543210")));
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound");
        assertThat(error.awsErrorDetails().errorMessage()).contains("i-0fedcba9876543210").contains("does not exist");
        assertThat(error.statusCode()).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aMalformedInstanceIdIsInvalidInstanceIdMalformed(Target target) {
        AwsServiceException error = catchThrowableOfType(AwsServiceException.class,
                () -> target.ec2().describeInstances(r -> r.instanceIds("i-nothex")));
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.Malformed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void anUnknownFilterIsInvalidParameterValue(Target target) {
        AwsServiceException error = catchThrowableOfType(AwsServiceException.class,
                () -> target.ec2().describeInstances(r -> r.filters(Filter.builder().name("no-such-filter").values("x").build())));
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(error.awsErrorDetails().errorMessage()).contains("no-such-filter");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void stoppingAnUnknownInstanceIsNotFoundEvenAsADryRun(Target target) {
        AwsServiceException error = catchThrowableOfType(AwsServiceException.class,
                () -> target.ec2().stopInstances(r -> r.instanceIds("i-0fedcba9876543210").dryRun(true)));
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void theRequestRegionIsListedAsEnabledWithItsEndpoint(Target target) {
        assertThat(target.ec2().describeRegions(r -> r.regionNames(REGION)).regions()).singleElement().satisfies(region -> {
            assertThat(region.endpoint()).isEqualTo("ec2." + REGION + ".amazonaws.com");
            assertThat(region.optInStatus()).isIn("opt-in-not-required", "opted-in");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void listingTheUsersOfAPoolThatDoesNotExistIsResourceNotFound(Target target) {
        String pool = REGION + "_NoSuchPl1";
        AwsServiceException error = catchThrowableOfType(AwsServiceException.class,
                () -> target.cognito().listUsers(r -> r.userPoolId(pool)));
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("User pool " + pool + " does not exist.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void signingInThroughAnAppClientThatDoesNotExistIsResourceNotFound(Target target) {
        String client = "7noSuchAppClient0000000000";
        AwsServiceException error = catchThrowableOfType(AwsServiceException.class,
                () -> target.cognito().initiateAuth(r -> r.clientId(client).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", "nobody@example.com", "PASSWORD", "Not-A-Password-1!"))));
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("User pool client " + client + " does not exist.");
    }
}
