package com.ec2manager.livefeed;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live feed: every instance tails the audit table's stream itself (no lease) and pushes new
 * and completed records to open browsers and API clients with Server-Sent Events.
 *
 * @param enabled              tail the stream and serve the feed
 * @param pollInterval         pause between reads of each shard
 * @param buffer               events kept for clients that reconnect with {@code Last-Event-ID}
 * @param connectionsPerPerson open feeds one person may hold at once
 * @param heartbeat            a comment sent on idle connections, so that closed ones are noticed
 * @param connectionTimeout    a feed is closed after this long; the client reconnects and resumes
 * @param sendQueue            events (and heartbeats) a feed may have waiting for a slow client;
 *                             one more closes the feed, and its client reconnects and resumes
 * @param reconnectDelay       how long a client waits before it reconnects (the events' {@code retry})
 */
@ConfigurationProperties("ec2manager.live-feed")
record LiveFeedProperties(@DefaultValue("true") boolean enabled,
                                 @DefaultValue("250ms") Duration pollInterval,
                                 @DefaultValue("500") int buffer,
                                 @DefaultValue("5") int connectionsPerPerson,
                                 @DefaultValue("15s") Duration heartbeat,
                                 @DefaultValue("30m") Duration connectionTimeout,
                                 @DefaultValue("100") int sendQueue,
                                 @DefaultValue("1s") Duration reconnectDelay) {
}
