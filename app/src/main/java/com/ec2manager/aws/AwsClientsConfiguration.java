package com.ec2manager.aws;

import java.net.URI;
import java.time.Duration;

import com.ec2manager.localaws.LocalStack;
import com.ec2manager.localaws.LocalStackSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Builds every AWS SDK client in one place; local mode points them at the local stack. */
@Configuration(proxyBeanMethods = false)
class AwsClientsConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${ec2manager.aws.mode:local}' == 'local' and ${ec2manager.local.start-stack:true}")
    LocalStack localStack(LocalStackProperties local) {
        return LocalStack.start(new LocalStackSettings(local.host(), local.dataDir(),
                local.dynamodbPort(), local.ec2Port(), local.cognitoPort()));
    }

    @Bean
    AwsEndpoints awsEndpoints(AwsProperties aws, LocalStackProperties local, ObjectProvider<LocalStack> stack) {
        stack.ifAvailable(started -> { }); // the stack must be listening before any client is used
        Region region = aws.region() != null && !aws.region().isBlank() ? Region.of(aws.region())
                : aws.local() ? Region.US_EAST_1 : new DefaultAwsRegionProviderChain().getRegion();
        AwsProperties.Endpoints overrides = aws.endpoints();
        if (!aws.local()) {
            return new AwsEndpoints(region, overrides.dynamodb(), overrides.ec2(), overrides.cognito(), overrides.sts());
        }
        return new AwsEndpoints(region,
                orLocal(overrides.dynamodb(), local.host(), local.dynamodbPort()),
                orLocal(overrides.ec2(), local.host(), local.ec2Port()),
                orLocal(overrides.cognito(), local.host(), local.cognitoPort()),
                // STS's stand-in shares the EC2 emulator's port
                orLocal(overrides.sts(), local.host(), local.ec2Port()));
    }

    @Bean
    AwsCredentialsProvider awsCredentialsProvider(AwsProperties aws) {
        // The stand-ins check that requests are signed, not by whom.
        return aws.local() ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret"))
                : DefaultCredentialsProvider.builder().build();
    }

    @Bean(destroyMethod = "close")
    SdkHttpClient sdkHttpClient() {
        return ApacheHttpClient.builder()
                .maxConnections(200)
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(Duration.ofSeconds(20))
                .build();
    }

    @Bean(destroyMethod = "close")
    DynamoDbClient dynamoDbClient(AwsEndpoints endpoints, AwsCredentialsProvider credentials, SdkHttpClient http) {
        var builder = DynamoDbClient.builder().region(endpoints.region()).credentialsProvider(credentials).httpClient(http);
        if (endpoints.dynamodb() != null) {
            builder.endpointOverride(endpoints.dynamodb());
        }
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    CognitoIdentityProviderClient cognitoClient(AwsEndpoints endpoints, AwsCredentialsProvider credentials,
                                                SdkHttpClient http) {
        var builder = CognitoIdentityProviderClient.builder().region(endpoints.region())
                .credentialsProvider(credentials).httpClient(http);
        if (endpoints.cognito() != null) {
            builder.endpointOverride(endpoints.cognito());
        }
        return builder.build();
    }

    /** STS in the home region: AssumeRole into the configured accounts. */
    @Bean(destroyMethod = "close")
    StsClient stsClient(AwsEndpoints endpoints, AwsCredentialsProvider credentials, SdkHttpClient http) {
        var builder = StsClient.builder().region(endpoints.region()).credentialsProvider(credentials).httpClient(http);
        if (endpoints.sts() != null) {
            builder.endpointOverride(endpoints.sts());
        }
        return builder.build();
    }

    private static URI orLocal(URI override, String host, int port) {
        return override != null ? override : URI.create("http://" + host + ":" + port);
    }
}
