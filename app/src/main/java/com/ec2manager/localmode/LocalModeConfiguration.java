package com.ec2manager.localmode;

import java.net.URI;
import java.util.List;

import com.ec2manager.accounts.AwsAccount;
import com.ec2manager.accounts.DefaultAccounts;
import com.ec2manager.aws.AwsEndpoints;
import com.ec2manager.aws.DynamoDbLocalStreamArns;
import com.ec2manager.aws.AwsProperties;
import com.ec2manager.aws.ModeDefaults;
import com.ec2manager.identity.cognito.CognitoGateway;
import com.ec2manager.localaws.LocalStack;
import com.ec2manager.localaws.cognito.CognitoEmulatorSettings;
import com.ec2manager.localaws.ec2.Ec2EmulatorSettings;
import com.ec2manager.localaws.ec2.FleetSpec;
import com.ec2manager.localaws.sts.RoleTrust;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Everything local mode changes, in one place: the local stack is started (unless
 * {@code ec2manager.local.start-stack=false}), every client points at it, and the settings left
 * empty take the stack's values. aws mode never loads this class or anything of {@code local-aws}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ec2manager.aws.mode", havingValue = "local", matchIfMissing = true)
class LocalModeConfiguration {

    @Bean
    LocalStackProperties localStackProperties(Environment environment) {
        return bind(environment);
    }

    /** The settings, once local mode is known to listen on loopback only (or is allowed not to). */
    private static LocalStackProperties bind(Environment environment) {
        LocalStackProperties local = Binder.get(environment).bindOrCreate("ec2manager.local", LocalStackProperties.class);
        LocalModeGuard.check(local, environment.getProperty("server.address"));
        return local;
    }

    /** Created with the bean factory's post-processors, before the web server, so that the stack starts first. */
    @Bean
    @ConditionalOnProperty(name = "ec2manager.local.start-stack", havingValue = "true", matchIfMissing = true)
    static LocalStackEarlyStart localStackEarlyStart(Environment environment) {
        return new LocalStackEarlyStart(bind(environment));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "ec2manager.local.start-stack", havingValue = "true", matchIfMissing = true)
    LocalStack localStack(LocalStackEarlyStart start) {
        return start.await();
    }

    @Bean
    AwsEndpoints awsEndpoints(AwsProperties aws, LocalStackProperties local, ObjectProvider<LocalStack> stack) {
        stack.ifAvailable(started -> { }); // the stack must be listening before any client is used
        Region region = aws.region() != null && !aws.region().isBlank() ? Region.of(aws.region()) : Region.US_EAST_1;
        AwsProperties.Endpoints overrides = aws.endpoints();
        return new AwsEndpoints(region,
                orLocal(overrides.dynamodb(), local.host(), local.dynamodbPort()),
                orLocal(overrides.ec2(), local.host(), local.ec2Port()),
                orLocal(overrides.cognito(), local.host(), local.cognitoPort()),
                orLocal(overrides.s3(), local.host(), local.s3Port()),
                // STS's stand-in shares the EC2 emulator's port, SNS's the S3 emulator's
                orLocal(overrides.sts(), local.host(), local.ec2Port()),
                orLocal(overrides.sns(), local.host(), local.s3Port()),
                orLocal(overrides.cloudwatch(), local.host(), local.cloudwatchPort()));
    }

    /** DynamoDB Local's stream ARNs, shown to KCL in the local region. */
    @Bean
    DynamoDbLocalStreamArns dynamoDbLocalStreamArns(AwsEndpoints endpoints) {
        return new DynamoDbLocalStreamArns(endpoints.region().id());
    }

    /** The stand-ins check that requests are signed, not by whom. */
    @Bean
    AwsCredentialsProvider awsCredentialsProvider() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret"));
    }

    /**
     * The emulator's fixed pool and client; tokens issued under its own address (or Cognito's, if
     * asked), their keys served by the emulator; secrets kept in the data folder.
     */
    @Bean
    ModeDefaults modeDefaults(LocalStackProperties local, AwsEndpoints endpoints,
                              @Value("${server.port:8080}") int serverPort) {
        URI issuerBase = local.cognitoRealIssuer()
                ? URI.create(CognitoEmulatorSettings.cognitoIssuerBase(CognitoEmulatorSettings.DEFAULT_REGION))
                : endpoints.cognito();
        return new ModeDefaults(true, false, local.dataDir(), CognitoEmulatorSettings.DEFAULT_USER_POOL_ID,
                CognitoEmulatorSettings.DEFAULT_CLIENT_ID, issuerBase, endpoints.cognito(),
                URI.create("http://127.0.0.1:" + serverPort));
    }

    /** The emulator's two accounts, each through its member role, as a real deployment would reach them. */
    @Bean
    DefaultAccounts defaultAccounts() {
        return new DefaultAccounts(List.of(member(Ec2EmulatorSettings.DEFAULT_ACCOUNT_ID, "Management"),
                member(FleetSpec.STANDARD_MEMBER_ACCOUNT, "Production")));
    }

    private static AwsAccount member(String id, String name) {
        return new AwsAccount(id, name, RoleTrust.roleArn(id, RoleTrust.LOCAL_ROLE_NAME), RoleTrust.LOCAL_EXTERNAL_ID,
                List.of());
    }

    @Bean
    LocalSignInHint localSignInHint(CognitoGateway cognito) {
        return new LocalSignInHint(cognito);
    }

    private static URI orLocal(URI override, String host, int port) {
        return override != null ? override : URI.create("http://" + host + ":" + port);
    }
}
