package com.ec2manager.aws;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * aws mode: the SDK's default credential and region chains, AWS's own endpoints unless overridden.
 * Nothing of the local stack is loaded in this mode (local mode is {@code localmode.LocalModeConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ec2manager.aws.mode", havingValue = "aws")
class AwsModeConfiguration {

    @Bean
    AwsEndpoints awsEndpoints(AwsProperties aws) {
        Region region = aws.region() != null && !aws.region().isBlank() ? Region.of(aws.region())
                : new DefaultAwsRegionProviderChain().getRegion();
        AwsProperties.Endpoints overrides = aws.endpoints();
        return new AwsEndpoints(region, overrides.dynamodb(), overrides.ec2(), overrides.cognito(), overrides.s3(),
                overrides.sts(), overrides.sns(), overrides.cloudwatch());
    }

    @Bean
    AwsCredentialsProvider awsCredentialsProvider() {
        return DefaultCredentialsProvider.builder().build();
    }

    @Bean
    ModeDefaults modeDefaults(AwsEndpoints endpoints) {
        return ModeDefaults.aws(endpoints);
    }
}
