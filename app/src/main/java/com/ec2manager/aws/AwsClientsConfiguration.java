package com.ec2manager.aws;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sts.StsClient;

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
                .credentialsProvider(credentials).httpClient(http).overrideConfiguration(aws.timeouts().cognito());
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
}
