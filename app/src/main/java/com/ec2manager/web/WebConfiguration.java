package com.ec2manager.web;

import java.time.Clock;
import java.util.List;

import com.ec2manager.aws.AwsProperties;
import com.ec2manager.identity.OperatorArgumentResolver;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final ConsoleProperties console;

    WebConfiguration(ConsoleProperties console) {
        this.console = console;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new OperatorArgumentResolver());
    }

    /** Streamed audit exports outlive the container's default async timeout. */
    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.setDefaultTimeout(console.exportTimeout().toMillis());
    }

    @Bean
    IdempotencyStore idempotencyStore(DynamoDbClient dynamoDb, AwsProperties aws, Clock clock) {
        IdempotencyStore store = new IdempotencyStore(dynamoDb, console.idempotencyTable(), console.idempotencyTtl(), clock);
        if (aws.local()) {
            store.createTableIfMissing();
        }
        return store;
    }

    /** After Spring Security's chain, so that the operator is known; before everything else that acts. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyStore store, JsonMapper json) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(new IdempotencyFilter(store, json));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }
}
