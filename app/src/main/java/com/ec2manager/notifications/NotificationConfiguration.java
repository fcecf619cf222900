package com.ec2manager.notifications;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.ec2manager.archive.ArchiveStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sns.SnsClient;

/** The notification targets and the dispatcher the stream consumer calls. */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean(destroyMethod = "close")
    NotificationDispatcher notificationDispatcher(NotificationProperties properties, ArchiveStore archive,
                                                  SnsClient sns, MeterRegistry meters, Clock clock) {
        DeadLetters deadLetters = new DeadLetters(archive, clock);
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        List<TargetWorker> workers = new ArrayList<>();
        for (NotificationProperties.Webhook webhook : properties.webhooks()) {
            if (webhook.url() == null) {
                throw new IllegalStateException("ec2manager.notifications.webhooks[" + workers.size() + "].url is required");
            }
            workers.add(new TargetWorker(new WebhookTarget(webhook, http, properties.timeout(), clock), properties,
                    deadLetters, meters));
        }
        String topic = properties.sns().topicArn();
        if (topic != null && !topic.isBlank()) {
            workers.add(new TargetWorker(new SnsTarget(sns, topic, properties.sns().rule()), properties, deadLetters,
                    meters));
        }
        return new NotificationDispatcher(workers);
    }
}
