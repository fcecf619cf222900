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
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/** Builds every AWS SDK client in one place; local mode points them at the local stack. */
@Configuration(proxyBeanMethods = false)
class AwsClientsConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${ec2manager.aws.mode:local}' == 'local' and ${ec2manager.local.start-stack:true}")
    LocalStack localStack(LocalStackProperties local) {
        return LocalStack.start(new LocalStackSettings(local.host(), local.dataDir(),
                local.dynamodbPort(), local.ec2Port(), local.cognitoPort(), local.s3Port()));
    }

    @Bean
    AwsEndpoints awsEndpoints(AwsProperties aws, LocalStackProperties local, ObjectProvider<LocalStack> stack) {
        stack.ifAvailable(started -> { }); // the stack must be listening before any client is used
        Region region = aws.region() != null && !aws.region().isBlank() ? Region.of(aws.region())
                : aws.local() ? Region.US_EAST_1 : new DefaultAwsRegionProviderChain().getRegion();
        AwsProperties.Endpoints overrides = aws.endpoints();
        if (!aws.local()) {
            return new AwsEndpoints(region, overrides.dynamodb(), overrides.ec2(), overrides.cognito(), overrides.s3());
        }
        return new AwsEndpoints(region,
                orLocal(overrides.dynamodb(), local.host(), local.dynamodbPort()),
                orLocal(overrides.ec2(), local.host(), local.ec2Port()),
                orLocal(overrides.cognito(), local.host(), local.cognitoPort()),
                orLocal(overrides.s3(), local.host(), local.s3Port()));
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

    @Bean(destroyMethod = "close")
    S3Client s3Client(AwsEndpoints endpoints, AwsCredentialsProvider credentials, SdkHttpClient http) {
        var builder = S3Client.builder().region(endpoints.region()).credentialsProvider(credentials).httpClient(http);
        if (endpoints.s3() != null) {
            // an endpoint of our own (the local stand-in) has no bucket subdomains
            builder.endpointOverride(endpoints.s3()).forcePathStyle(true);
        }
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    KmsClient kmsClient(AwsEndpoints endpoints, AwsCredentialsProvider credentials, SdkHttpClient http) {
        return KmsClient.builder().region(endpoints.region()).credentialsProvider(credentials).httpClient(http).build();
    }

    @Bean(destroyMethod = "close")
    SnsClient snsClient(AwsEndpoints endpoints, AwsCredentialsProvider credentials, SdkHttpClient http) {
        return SnsClient.builder().region(endpoints.region()).credentialsProvider(credentials).httpClient(http).build();
    }

    @Bean(destroyMethod = "close")
    DynamoDbStreamsClient dynamoDbStreamsClient(AwsEndpoints endpoints, AwsProperties aws,
                                                AwsCredentialsProvider credentials, SdkHttpClient http) {
        var builder = DynamoDbStreamsClient.builder().region(endpoints.region()).credentialsProvider(credentials)
                .httpClient(http);
        if (endpoints.dynamodb() != null) {
            builder.endpointOverride(endpoints.dynamodb());
        }
        if (aws.local()) {
            builder.overrideConfiguration(c -> c.addExecutionInterceptor(
                    new DynamoDbLocalStreamArns(endpoints.region().id())));
        }
        return builder.build();
    }

    /** KCL keeps its leases through the asynchronous client. */
    @Bean(destroyMethod = "close")
    DynamoDbAsyncClient dynamoDbAsyncClient(AwsEndpoints endpoints, AwsCredentialsProvider credentials) {
        var builder = DynamoDbAsyncClient.builder().region(endpoints.region()).credentialsProvider(credentials);
        if (endpoints.dynamodb() != null) {
            builder.endpointOverride(endpoints.dynamodb());
        }
        return builder.build();
    }

    /** Required by KCL's configuration; its metrics are off, so it sends nothing. */
    @Bean(destroyMethod = "close")
    CloudWatchAsyncClient cloudWatchAsyncClient(AwsEndpoints endpoints, AwsCredentialsProvider credentials) {
        return CloudWatchAsyncClient.builder().region(endpoints.region()).credentialsProvider(credentials).build();
    }

    private static URI orLocal(URI override, String host, int port) {
        return override != null ? override : URI.create("http://" + host + ":" + port);
    }
}
