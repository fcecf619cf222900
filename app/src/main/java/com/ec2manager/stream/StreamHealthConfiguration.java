package com.ec2manager.stream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The consumer on the health endpoint, also where it is switched off (the health group names it). */
@Configuration(proxyBeanMethods = false)
class StreamHealthConfiguration {

    @Bean
    AuditStreamHealthIndicator auditStreamHealthIndicator(ObjectProvider<StreamLag> lag,
                                                          ObjectProvider<AuditStreamConsumer> consumer) {
        return new AuditStreamHealthIndicator(lag.getIfAvailable(), consumer.getIfAvailable());
    }
}
