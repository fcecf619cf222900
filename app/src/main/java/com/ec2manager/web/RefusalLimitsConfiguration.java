package com.ec2manager.web;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RefusalLimitsConfiguration {

    /** Each key's free refusals, then a wait of 1 minute doubling to at most 15. */
    @Bean
    RefusalLimits refusalLimits(ConsoleProperties properties, Clock clock) {
        return new RefusalLimits(
                new AttemptThrottle(clock, properties.refusalsPerPerson(), Duration.ofMinutes(1), Duration.ofMinutes(15),
                        100_000),
                new AttemptThrottle(clock, properties.refusalsPerAddress(), Duration.ofMinutes(1), Duration.ofMinutes(15),
                        100_000));
    }
}
