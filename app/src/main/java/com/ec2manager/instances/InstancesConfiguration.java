package com.ec2manager.instances;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.ec2manager.accounts.AccountDirectory;
import com.ec2manager.accounts.AccountSessions;
import com.ec2manager.action.AuditedActions;
import com.ec2manager.aws.AwsEndpoints;
import com.ec2manager.aws.AwsProperties;
import jakarta.validation.Validator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import software.amazon.awssdk.http.SdkHttpClient;

/** The instances feature's wiring, in one place. */
@Configuration(proxyBeanMethods = false)
class InstancesConfiguration {

    /** How often the inventory looks for due reads; what is due is decided by the clock. */
    private static final Duration TICK = Duration.ofSeconds(1);

    @Bean(destroyMethod = "close")
    Ec2Gateway ec2Gateway(AwsEndpoints endpoints, AccountSessions sessions, SdkHttpClient http, AwsProperties aws) {
        return new Ec2Gateway(endpoints, sessions, http, aws.timeouts().ec2());
    }

    @Bean
    EnabledRegions enabledRegions(Ec2Gateway gateway, AccountDirectory accounts, InstancesProperties properties,
                                  Clock clock) {
        return new EnabledRegions(gateway, accounts, properties, clock);
    }

    /** Reads account-regions for the inventory; a fixed pool, since Java 17 has no virtual threads. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService inventoryReaders(InventoryProperties properties) {
        return Executors.newFixedThreadPool(properties.parallelism(), named("inventory-"));
    }

    /** Processes the instances of bulk actions; apart from the readers, so neither waits on the other. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService bulkActionWorkers(InstancesProperties properties) {
        return Executors.newFixedThreadPool(properties.bulkParallelism(), named("ec2-action-"));
    }

    @Bean
    Inventory inventory(Ec2Gateway gateway, EnabledRegions regions, InventoryProperties properties, Clock clock,
                        @Qualifier("inventoryReaders") ExecutorService pool) {
        return new Inventory(gateway, regions, properties, clock, pool);
    }

    /** Two threads: protection passes wait on the call budget most of the time and must not hold up the readers. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService protectionReaders() {
        return Executors.newFixedThreadPool(2, named("protection-"));
    }

    @Bean
    ProtectionReader protectionReader(Inventory inventory, Ec2Gateway gateway, InventoryProperties properties,
                                      Clock clock, @Qualifier("protectionReaders") ExecutorService pool) {
        return new ProtectionReader(inventory, gateway, properties.protectionInterval(), clock, pool);
    }

    @Bean
    InstanceListing instanceListing(Inventory inventory) {
        return new InstanceListing(inventory);
    }

    @Bean
    InstanceActions instanceActions(InstanceListing listing, Ec2Gateway gateway, AuditedActions kernel,
                                    Validator validator, @Qualifier("bulkActionWorkers") ExecutorService pool,
                                    InstancesProperties properties, List<ActionGate> gates,
                                    ObjectProvider<ActionNotices> notices) {
        return new InstanceActions(listing, gateway, gateway, kernel, validator, pool, properties, gates,
                notices.orderedStream().toList());
    }

    @Bean
    InstancePendingJudge instancePendingJudge(Ec2Gateway gateway, InstanceListing listing, AwsProperties aws) {
        return new InstancePendingJudge(gateway, listing, aws.timeouts().ec2Call());
    }

    /** The inventory looks for due reads every second from the start (its first pass loads the fleet). */
    @Bean
    SchedulingConfigurer inventorySchedule(Inventory inventory, InventoryProperties properties) {
        return (ScheduledTaskRegistrar registrar) -> {
            if (properties.enabled()) {
                registrar.addFixedDelayTask(new FixedDelayTask(inventory::tick, TICK, Duration.ZERO));
            }
        };
    }

    /** Protection passes start when due; a pass is long and spends from the budget, so every few seconds is enough. */
    @Bean
    SchedulingConfigurer protectionSchedule(ProtectionReader reader, InventoryProperties properties) {
        return (ScheduledTaskRegistrar registrar) -> {
            if (properties.enabled()) {
                registrar.addFixedDelayTask(new FixedDelayTask(reader::tick, Duration.ofSeconds(5), Duration.ofSeconds(2)));
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
