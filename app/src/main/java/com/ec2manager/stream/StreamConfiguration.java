package com.ec2manager.stream;

import java.time.Clock;
import java.util.List;

import com.ec2manager.audit.AuditProperties;
import com.ec2manager.aws.AwsEndpoints;
import com.ec2manager.aws.ModeDefaults;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The leased consumer of the audit table's stream and its lag. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ec2manager.stream.enabled", havingValue = "true", matchIfMissing = true)
class StreamConfiguration {

    @Bean
    StreamLag streamLag(Clock clock, MeterRegistry meters) {
        StreamLag lag = new StreamLag(clock);
        Gauge.builder("ec2manager.audit.stream.lag", lag,
                        l -> l.current().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN))
                .description("age of the newest audit stream record processed (seconds)")
                .baseUnit("seconds").register(meters);
        return lag;
    }

    @Bean
    AuditStreamConsumer auditStreamConsumer(StreamProperties properties, AuditProperties audit,
                                            DynamoDbStreamsClient streams, DynamoDbAsyncClient leases,
                                            CloudWatchAsyncClient cloudWatch, AwsEndpoints endpoints,
                                            ModeDefaults mode, StreamSink sink, List<ChangeListener> listeners,
                                            StreamLag lag, Clock clock) {
        boolean workerMetrics = properties.workerMetrics() != null ? properties.workerMetrics() : !mode.createsTables();
        // the stream's ARN is read on the consumer's thread, once the audit table is made
        return new AuditStreamConsumer(properties, () -> StreamReading.streamArn(streams, audit.tableName()), streams,
                leases, cloudWatch, endpoints.region(), sink,
                listeners, lag, clock, workerMetrics);
    }
}
