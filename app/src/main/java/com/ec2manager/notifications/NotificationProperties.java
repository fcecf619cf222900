package com.ec2manager.notifications;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where audit records and tamper alarms are sent. A record is sent when it is final (completed,
 * or written final: DENIED, FAILED before any call) and matches the target's rule; an empty rule
 * list matches everything. Tamper alarms go to every target.
 *
 * @param webhooks     HTTP targets: {@code ec2manager.notifications.webhooks[0].url=…}
 * @param sns          an SNS topic (aws mode)
 * @param maxAttempts  attempts per delivery before it becomes a dead letter
 * @param firstRetry   pause before the second attempt; doubled after each failure
 * @param longestRetry the longest pause between attempts
 * @param timeout      how long one attempt may take
 * @param queueSize    deliveries a target may have waiting; beyond, new ones become dead letters at once
 */
@ConfigurationProperties("ec2manager.notifications")
record NotificationProperties(@DefaultValue List<Webhook> webhooks,
                                     @DefaultValue Sns sns,
                                     @DefaultValue("6") int maxAttempts,
                                     @DefaultValue("1s") Duration firstRetry,
                                     @DefaultValue("1m") Duration longestRetry,
                                     @DefaultValue("10s") Duration timeout,
                                     @DefaultValue("1000") int queueSize) {

    enum Format { JSON, SLACK }

    /**
     * A webhook.
     *
     * @param name     names the target in logs, metrics and dead letters; default: its host
     * @param url      where to POST
     * @param secret   HMAC-SHA256 key of the signature headers (secret; never logged)
     * @param format   {@code json} (the record) or {@code slack} (an incoming-webhook message)
     * @param actions  audit actions to send ({@code STOP_INSTANCE}, …); empty: all
     * @param outcomes outcomes to send ({@code FAILED}, {@code DENIED}, …); empty: all
     * @param accounts AWS account ids (the record's {@code details.account}); empty: all
     * @param regions  regions (the record's {@code details.region}); empty: all
     * @param tags     {@code Key=Value} or {@code Key} of the instance's tags as the record carries them
     *                 ({@code details.tags}); empty: all
     */
    record Webhook(String name, URI url, String secret, @DefaultValue("json") Format format,
                          @DefaultValue List<String> actions, @DefaultValue List<String> outcomes,
                          @DefaultValue List<String> accounts, @DefaultValue List<String> regions,
                          @DefaultValue List<String> tags) {

        NotificationRule rule() {
            return new NotificationRule(actions, outcomes, accounts, regions, tags);
        }

        String displayName() {
            return name != null && !name.isBlank() ? name : url.getHost() + (url.getPort() > 0 ? "-" + url.getPort() : "");
        }
    }

    /**
     * An SNS topic (aws mode only).
     *
     * @param topicArn the topic; empty: none
     */
    record Sns(String topicArn, @DefaultValue List<String> actions, @DefaultValue List<String> outcomes,
                      @DefaultValue List<String> accounts, @DefaultValue List<String> regions,
                      @DefaultValue List<String> tags) {

        NotificationRule rule() {
            return new NotificationRule(actions, outcomes, accounts, regions, tags);
        }
    }
}
