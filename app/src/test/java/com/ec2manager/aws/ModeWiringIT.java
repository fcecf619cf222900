package com.ec2manager.aws;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.ec2manager.Ec2ManagerApplication;
import com.ec2manager.identity.cognito.CognitoPool;
import com.ec2manager.localaws.LocalStack;
import com.ec2manager.localaws.LocalStackSettings;
import com.ec2manager.localaws.cognito.CognitoEmulatorSettings;
import com.ec2manager.testing.TestLocalStack;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wiring of each mode, on an application context without a web server. aws mode is pointed at
 * fake endpoints (the test stack's DynamoDB Local and emulators stand in for AWS's addresses), so
 * the context really starts; local mode is the twin that proves the local pieces are there when asked for.
 */
class ModeWiringIT {

    // the emulators and local mode's wiring; the tests' own clock (localaws.testing) is not part of either
    private static final Pattern LOCAL_CODE =
            Pattern.compile("com\\.ec2manager\\.(localmode|localaws\\.(?!testing\\.)).*");

    private final LocalStack stack = TestLocalStack.get();
    private final WebApplicationContextRunner application = new WebApplicationContextRunner()
            .withUserConfiguration(Ec2ManagerApplication.class)
            .withPropertyValues("ec2manager.audit.table-name=mode-wiring-" + UUID.randomUUID(),
                    "ec2manager.audit.create-table=true",
                    "ec2manager.audit.reconciler.enabled=false",
                    // the application's own default (application.yml, which a context runner does not read)
                    "server.address=127.0.0.1",
                    // the audit stream's consumer and live feed are background work, not wiring
                    "ec2manager.stream.enabled=false",
                    "ec2manager.live-feed.enabled=false");

    @Test
    void awsModeStartsWithTheConfiguredEndpointsAndNothingOfTheLocalStack() {
        application.withPropertyValues("ec2manager.aws.mode=aws",
                        "ec2manager.aws.region=eu-west-1",
                        "ec2manager.aws.endpoints.dynamodb=" + stack.dynamoDbEndpoint(),
                        "ec2manager.aws.endpoints.ec2=" + stack.ec2Endpoint(),
                        "ec2manager.aws.endpoints.cognito=" + stack.cognitoEndpoint(),
                        // the fake STS tells the application its own account (GetCallerIdentity)
                        "ec2manager.aws.endpoints.sts=" + stack.ec2Endpoint(),
                        "ec2manager.identity.user-pool-id=eu-west-1_Fake0001",
                        "ec2manager.identity.client-id=fakeclient",
                        "ec2manager.identity.session-secret=" + "s".repeat(40),
                        "ec2manager.console.base-url=https://ec2.example.com")
                .withSystemProperties("aws.accessKeyId=AKIAFAKE", "aws.secretAccessKey=fake-secret")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(LocalStack.class);
                    assertThat(beansFromLocalPackages(context)).isEmpty();
                    AwsEndpoints endpoints = context.getBean(AwsEndpoints.class);
                    assertThat(endpoints.region()).isEqualTo(Region.EU_WEST_1);
                    assertThat(endpoints.ec2()).isEqualTo(stack.ec2Endpoint());
                    assertThat(context.getBean(com.ec2manager.accounts.AccountDirectory.class).all())
                            .as("no accounts configured: the application's own").singleElement()
                            .satisfies(account -> assertThat(account.assumesRole()).isFalse());
                    assertThat(context.getBean(AwsCredentialsProvider.class))
                            .isInstanceOf(DefaultCredentialsProvider.class);
                    ModeDefaults defaults = context.getBean(ModeDefaults.class);
                    assertThat(defaults.createsTables()).isFalse();
                    assertThat(defaults.secureCookies()).isTrue();
                    assertThat(defaults.secretsFolder()).isEmpty();
                    CognitoPool pool = context.getBean(CognitoPool.class);
                    assertThat(pool.issuer()).isEqualTo("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Fake0001");
                    assertThat(pool.jwksUri()).hasToString(
                            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Fake0001/.well-known/jwks.json");
                });
    }

    @Test
    void awsModeRefusesToStartWithoutAUserPool() {
        application.withPropertyValues("ec2manager.aws.mode=aws", "ec2manager.aws.region=eu-west-1",
                        "ec2manager.aws.endpoints.dynamodb=" + stack.dynamoDbEndpoint(),
                        "ec2manager.identity.session-secret=" + "s".repeat(40))
                .withSystemProperties("aws.accessKeyId=AKIAFAKE", "aws.secretAccessKey=fake-secret")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("ec2manager.identity.user-pool-id"));
    }

    @Test
    void awsModeRefusesToStartWithoutTheAddressPeopleReachItAt() {
        application.withPropertyValues("ec2manager.aws.mode=aws", "ec2manager.aws.region=eu-west-1",
                        "ec2manager.aws.endpoints.dynamodb=" + stack.dynamoDbEndpoint(),
                        "ec2manager.identity.user-pool-id=eu-west-1_Fake0001",
                        "ec2manager.identity.client-id=fakeclient",
                        "ec2manager.identity.session-secret=" + "s".repeat(40))
                .withSystemProperties("aws.accessKeyId=AKIAFAKE", "aws.secretAccessKey=fake-secret")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("ec2manager.console.base-url"));
    }

    @Test
    void localModeWiresTheLocalStackAndItsDefaults() {
        LocalStackSettings settings = stack.settings();
        application.withPropertyValues("ec2manager.local.start-stack=false",
                        "ec2manager.local.host=" + settings.host(),
                        "ec2manager.local.data-dir=" + settings.dataDir(),
                        "ec2manager.local.dynamodb-port=" + settings.dynamoDbPort(),
                        "ec2manager.local.ec2-port=" + settings.ec2Port(),
                        "ec2manager.local.cognito-port=" + settings.cognitoPort(),
                        "ec2manager.local.s3-port=" + settings.s3Port())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(beansFromLocalPackages(context)).isNotEmpty();
                    assertThat(context.getBean(AwsEndpoints.class).cognito()).isEqualTo(stack.cognitoEndpoint());
                    assertThat(context.getBean(AwsCredentialsProvider.class))
                            .isInstanceOf(StaticCredentialsProvider.class);
                    ModeDefaults defaults = context.getBean(ModeDefaults.class);
                    assertThat(defaults.createsTables()).isTrue();
                    assertThat(defaults.secretsFolder()).contains(settings.dataDir());
                    assertThat(context.getBean(CognitoPool.class).issuer())
                            .isEqualTo(stack.cognitoEndpoint() + "/" + CognitoEmulatorSettings.DEFAULT_USER_POOL_ID);
                });
    }

    @Test
    void localModeRefusesToListenOnEveryInterfaceAndSaysWhy() {
        localModeOnTheTestStack("server.address=0.0.0.0")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("refuses to listen on 0.0.0.0")
                        .hasMessageContaining("ec2manager.local.allow-remote=true"));
    }

    @Test
    void localModeListensBeyondLoopbackWhenAllowedAndOnLoopbackAnyway() {
        localModeOnTheTestStack("server.address=0.0.0.0", "ec2manager.local.allow-remote=true")
                .run(context -> assertThat(context).hasNotFailed());
        localModeOnTheTestStack("server.address=127.0.0.1")
                .run(context -> assertThat(context).hasNotFailed());
    }

    private org.springframework.boot.test.context.runner.WebApplicationContextRunner localModeOnTheTestStack(
            String... more) {
        LocalStackSettings settings = stack.settings();
        return application.withPropertyValues("ec2manager.local.start-stack=false",
                        "ec2manager.local.host=" + settings.host(),
                        "ec2manager.local.data-dir=" + settings.dataDir(),
                        "ec2manager.local.dynamodb-port=" + settings.dynamoDbPort(),
                        "ec2manager.local.ec2-port=" + settings.ec2Port(),
                        "ec2manager.local.cognito-port=" + settings.cognitoPort())
                .withPropertyValues(more);
    }

    private static List<String> beansFromLocalPackages(AssertableWebApplicationContext context) {
        return Arrays.stream(context.getBeanDefinitionNames())
                .filter(name -> {
                    Class<?> type = context.getType(name);
                    return type != null && LOCAL_CODE.matcher(type.getName()).matches();
                })
                .toList();
    }
}
