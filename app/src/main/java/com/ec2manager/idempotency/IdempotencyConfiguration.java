package com.ec2manager.idempotency;

import java.time.Clock;

import com.ec2manager.aws.MadeAtStart;
import com.ec2manager.aws.ModeDefaults;
import com.ec2manager.web.ConsoleProperties;
import com.ec2manager.web.ProblemWriter;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The shared store of idempotency keys and the filter that consults it. */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    @Bean
    IdempotencyStore idempotencyStore(DynamoDbClient dynamoDb, ConsoleProperties console, Clock clock) {
        return new IdempotencyStore(dynamoDb, console.idempotencyTable(), console.idempotencyTtl(), clock);
    }

    @Bean(bootstrap = Bean.Bootstrap.BACKGROUND)
    MadeAtStart idempotencyTable(IdempotencyStore store, ConsoleProperties console, ModeDefaults mode) {
        return MadeAtStart.ifModeMakes(mode, console.idempotencyTable(), store::createTableIfMissing);
    }

    /** After Spring Security's chain, so that the operator is known; before everything that acts. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyStore store, ProblemWriter problems,
                                                                ActionRecords records,
                                                                tools.jackson.databind.json.JsonMapper json, Clock clock) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(new IdempotencyFilter(store, problems, records, json, clock));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }
}
