package com.ec2manager.testing;

import java.time.Instant;

import com.ec2manager.localaws.testing.MutableClock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * {@code @Import} it into a {@code @SpringBootTest} to run the application on a
 * {@link MutableClock} (it takes the place of the application's {@code Clock} bean); inject
 * {@code MutableClock} to set the time.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MutableClockConfiguration {

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock(Instant.now());
    }
}
