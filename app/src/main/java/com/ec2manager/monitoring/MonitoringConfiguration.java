package com.ec2manager.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.ec2manager.accounts.AccountSessions;
import com.ec2manager.aws.AwsEndpoints;
import com.ec2manager.instances.InstanceListing;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
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

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService fleetCpuWorker() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fleet-cpu");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    FleetCpuReader fleetCpuReader(InstanceListing listing, CloudWatchMetrics cloudWatch, MonitoringProperties properties,
                                  Clock clock, @Qualifier("fleetCpuWorker") ExecutorService worker) {
        return new FleetCpuReader(listing, cloudWatch, properties, clock, worker);
    }

    /** Looks for account-regions due every 15 s; the first ones are read as soon as the inventory has them. */
    @Bean
    SchedulingConfigurer fleetCpuSchedule(FleetCpuReader reader) {
        return registrar -> registrar.addFixedDelayTask(new FixedDelayTask(reader::tick, Duration.ofSeconds(15),
                Duration.ofSeconds(3)));
    }
}
