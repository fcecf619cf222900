package com.ec2manager.livefeed;

import com.ec2manager.audit.AuditProperties;
import com.ec2manager.stream.StreamReading;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.ITemplateEngine;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The live feed: this instance's own tail of the stream and the feeds it serves. */
@Configuration(proxyBeanMethods = false)
class LiveFeedConfiguration {

    @Bean
    LiveFeed liveFeed(LiveFeedProperties properties, ITemplateEngine templates) {
        return new LiveFeed(properties, new LiveEventRenderer(templates)::render);
    }

    @Bean
    TailedChanges tailedChanges() {
        return new TailedChanges();
    }

    @Bean
    @ConditionalOnProperty(name = "ec2manager.live-feed.enabled", havingValue = "true", matchIfMissing = true)
    StreamTail streamTail(LiveFeedProperties properties, LiveFeed feed, DynamoDbStreamsClient streams,
                          AuditProperties audit, TailedChanges changes) {
        return new StreamTail(StreamReading.ofTable(streams, audit.tableName()), properties.pollInterval(),
                change -> {
                    changes.saw();
                    feed.publish(change);
                }, changes::saw);
    }
}
