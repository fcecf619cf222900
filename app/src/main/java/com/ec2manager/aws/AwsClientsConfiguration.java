package com.ec2manager.aws;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Builds every AWS SDK client in one place, from the endpoints and credentials of the running mode
 * ({@link AwsModeConfiguration} or {@code localmode.LocalModeConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class AwsClientsConfiguration {

    @Bean(destroyMethod = "close")
    SdkHttpClient sdkHttpClient() {
        return ApacheHttpClient.builder()
                .maxConnections(200)
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(Duration.ofSeconds(20))
                .build();
    }

    @Bean(destroyMethod = "close")
    DynamoDbClient dynamoDbClient(AwsEndpoints endpoints, AwsCredentialsProvider credentials, SdkHttpClient http,
                                  AwsProperties aws) {
        var builder = DynamoDbClient.builder().region(endpoints.region()).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(aws.timeouts().dynamodb());
        if (endpoints.dynamodb() != null) {
            builder.endpointOverride(endpoints.dynamodb());
        }
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    CognitoIdentityProviderClient cognitoClient(AwsEndpoints endpoints, AwsCredentialsProvider credentials,
                                                SdkHttpClient http, AwsProperties aws) {
        var builder = CognitoIdentityProviderClient.builder().region(endpoints.region())
                .credentialsProvider(credentials).httpClient(http)
                // the user-administration path reads which failed calls may have acted anyway
                .overrideConfiguration(aws.timeouts().cognito().toBuilder()
                        .addExecutionInterceptor(new AttemptLedger()).build());
        if (endpoints.cognito() != null) {
            builder.endpointOverride(endpoints.cognito());
        }
        return builder.build();
    }

    /** STS in the home region: AssumeRole into the configured accounts. */
    @Bean(destroyMethod = "close")
    StsClient stsClient(AwsEndpoints endpoints, AwsCredentialsProvider credentials, SdkHttpClient http,
                        AwsProperties aws) {
        var builder = StsClient.builder().region(endpoints.region()).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(aws.timeouts().sts());
        if (endpoints.sts() != null) {
            builder.endpointOverride(endpoints.sts());
        }
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    S3Client s3Client(AwsEndpoints endpoints, AwsCredentialsProvider credentials, SdkHttpClient http,
                      AwsProperties aws) {
        var builder = S3Client.builder().region(endpoints.region()).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(aws.timeouts().s3());
        if (endpoints.s3() != null) {
            // an endpoint of our own (the local stand-in) has no bucket subdomains
            builder.endpointOverride(endpoints.s3()).forcePathStyle(true);
        }
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    KmsClient kmsClient(AwsEndpoints endpoints, AwsCredentialsProvider credentials, SdkHttpClient http,
                        AwsProperties aws) {
        return KmsClient.builder().region(endpoints.region()).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(aws.timeouts().kms()).build();
    }

    @Bean(destroyMethod = "close")
    SnsClient snsClient(AwsEndpoints endpoints, AwsCredentialsProvider credentials, SdkHttpClient http,
                        AwsProperties aws) {
        var builder = SnsClient.builder().region(endpoints.region()).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(aws.timeouts().sns());
        if (endpoints.sns() != null) {
            builder.endpointOverride(endpoints.sns());
        }
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    DynamoDbStreamsClient dynamoDbStreamsClient(AwsEndpoints endpoints, AwsCredentialsProvider credentials,
                                                SdkHttpClient http, AwsProperties aws,
                                                ObjectProvider<DynamoDbLocalStreamArns> localStreamArns) {
        var builder = DynamoDbStreamsClient.builder().region(endpoints.region()).credentialsProvider(credentials)
                .httpClient(http).overrideConfiguration(aws.timeouts().streams());
        if (endpoints.dynamodb() != null) {
            builder.endpointOverride(endpoints.dynamodb());
        }
        // local mode only: DynamoDB Local's stream ARNs in a region the adapter accepts
        localStreamArns.ifAvailable(arns -> builder.overrideConfiguration(aws.timeouts().streams().toBuilder()
                .addExecutionInterceptor(arns).build()));
        return builder.build();
    }

    /**
     * KCL keeps its leases through the asynchronous client. With DynamoDB Streams KCL polls (GetRecords
     * is a plain call on the streams client); no call of this client is a long-lived one like
     * Kinesis's SubscribeToShard, so the streams' timeouts bound it.
     */
    @Bean(destroyMethod = "close")
    DynamoDbAsyncClient dynamoDbAsyncClient(AwsEndpoints endpoints, AwsCredentialsProvider credentials,
                                            AwsProperties aws) {
        var builder = DynamoDbAsyncClient.builder().region(endpoints.region()).credentialsProvider(credentials)
                .overrideConfiguration(aws.timeouts().streams());
        if (endpoints.dynamodb() != null) {
            builder.endpointOverride(endpoints.dynamodb());
        }
        return builder.build();
    }

    /** Required by KCL's configuration; its metrics are off, so it sends nothing. */
    @Bean(destroyMethod = "close")
    CloudWatchAsyncClient cloudWatchAsyncClient(AwsEndpoints endpoints, AwsCredentialsProvider credentials,
                                                AwsProperties aws) {
        return CloudWatchAsyncClient.builder().region(endpoints.region()).credentialsProvider(credentials)
                .overrideConfiguration(aws.timeouts().streams()).build();
    }

}
