package com.ec2manager.stream;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The audit stream consumer on the health endpoint: running, shards held, and its lag in
 * seconds; UNKNOWN where the consumer is switched off on this instance.
 */
final class AuditStreamHealthIndicator extends AbstractHealthIndicator {

    private final StreamLag lag;
    private final AuditStreamConsumer consumer;

    AuditStreamHealthIndicator(StreamLag lag, AuditStreamConsumer consumer) {
        super("audit stream health check failed");
        this.lag = lag;
        this.consumer = consumer;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (consumer == null) {
            builder.unknown().withDetail("consumer", "off on this instance (ec2manager.stream.enabled=false)");
            return;
        }
        builder.withDetail("worker", consumer.workerId()).withDetail("shardsHeld", lag.shardsHeld());
        lag.current().ifPresent(current -> builder.withDetail("lagSeconds", current.toMillis() / 1000.0));
        if (consumer.isRunning()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
