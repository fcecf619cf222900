package com.ec2manager.instances;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.ec2manager.audit.AuditTrail;
import com.ec2manager.aws.AwsEndpoints;
import jakarta.validation.Validator;
import org.springframework.beans.factory.annotation.Qualifier;
import com.ec2manager.web.RefusalLimits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;

/** The instances feature's wiring, in one place. */
@Configuration(proxyBeanMethods = false)
class InstancesConfiguration {

    @Bean(destroyMethod = "close")
    Ec2Gateway ec2Gateway(AwsEndpoints endpoints, AwsCredentialsProvider credentials, SdkHttpClient http,
                          InstancesProperties properties) {
        return new Ec2Gateway(endpoints, credentials, http, properties.regionTimeout());
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
    InstanceActions instanceActions(InstanceListing listing, Ec2Gateway gateway, AuditTrail audit, Validator validator,
                                    @Qualifier("bulkActionWorkers") ExecutorService pool,
                                    InstancesProperties properties, RefusalLimits refusals) {
        return new InstanceActions(listing, gateway, audit, validator, pool, properties, refusals);
    }

    @Bean
    PendingActionReconciler pendingActionReconciler(AuditTrail audit, InstanceListing listing, Ec2Gateway gateway,
                                                    InstancesProperties properties, Clock clock) {
        return new PendingActionReconciler(audit, listing, gateway, properties, clock);
    }

    /** The reconciler runs once the application has started and then after every interval. */
    @Bean
    SchedulingConfigurer reconcilerSchedule(PendingActionReconciler reconciler, InstancesProperties properties) {
        return (ScheduledTaskRegistrar registrar) -> {
            if (properties.reconcilerEnabled()) {
                registrar.addFixedDelayTask(new FixedDelayTask(reconciler::reconcile,
                        properties.reconcilerInterval(), Duration.ofSeconds(5)));
            }
        };
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
