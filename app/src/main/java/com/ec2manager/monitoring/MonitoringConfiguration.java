package com.ec2manager.monitoring;

import com.ec2manager.accounts.AccountSessions;
import com.ec2manager.aws.AwsEndpoints;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;

@Configuration(proxyBeanMethods = false)
class MonitoringConfiguration {

    @Bean(destroyMethod = "close")
    CloudWatchMetrics cloudWatchMetrics(AwsEndpoints endpoints, AccountSessions sessions, SdkHttpClient http,
                                        MonitoringProperties properties) {
        // the charts are a view, not an action: one short attempt, then the panel says so
        return new CloudWatchMetrics(endpoints, sessions, http, ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(properties.timeout()).apiCallTimeout(properties.timeout()).build());
    }
}
