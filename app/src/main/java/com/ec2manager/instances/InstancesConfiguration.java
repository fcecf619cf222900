package com.ec2manager.instances;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.ec2manager.audit.AuditTrail;
import com.ec2manager.action.AuditedActions;
import com.ec2manager.aws.AwsEndpoints;
import com.ec2manager.aws.AwsProperties;
import jakarta.validation.Validator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;

/** The instances feature's wiring, in one place. */
@Configuration(proxyBeanMethods = false)
class InstancesConfiguration {

    @Bean(destroyMethod = "close")
    Ec2Gateway ec2Gateway(AwsEndpoints endpoints, AwsCredentialsProvider credentials, SdkHttpClient http,
                          AwsProperties aws) {
        return new Ec2Gateway(endpoints, credentials, http, aws.timeouts().ec2());
    }

    @Bean
    EnabledRegions enabledRegions(Ec2Gateway gateway, InstancesProperties properties, Clock clock) {
        return new EnabledRegions(gateway, properties, clock);
    }

    /** Reads regions at once; a fixed pool, since Java 17 has no virtual threads. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService regionReaders(InstancesProperties properties) {
        return Executors.newFixedThreadPool(properties.parallelism(), named("ec2-region-"));
    }

    /** Processes the instances of bulk actions; apart from the readers, so neither waits on the other. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService bulkActionWorkers(InstancesProperties properties) {
        return Executors.newFixedThreadPool(properties.bulkParallelism(), named("ec2-action-"));
    }

    @Bean
    InstanceListing instanceListing(Ec2Gateway gateway, EnabledRegions regions,
                                    @Qualifier("regionReaders") ExecutorService pool,
                                    InstancesProperties properties, Clock clock) {
        return new InstanceListing(gateway, regions, pool, properties, clock);
    }

    @Bean
    InstanceActions instanceActions(InstanceListing listing, Ec2Gateway gateway, AuditedActions kernel, AuditTrail audit,
                                    Validator validator, @Qualifier("bulkActionWorkers") ExecutorService pool,
                                    InstancesProperties properties) {
        return new InstanceActions(listing, gateway, gateway, kernel, audit, validator, pool, properties);
    }

    @Bean
    InstancePendingJudge instancePendingJudge(Ec2Gateway gateway, InstanceListing listing, AwsProperties aws) {
        return new InstancePendingJudge(gateway, listing, aws.timeouts().ec2Call());
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
