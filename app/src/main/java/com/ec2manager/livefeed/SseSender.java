package com.ec2manager.livefeed;

import java.io.IOException;
import java.time.Duration;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A feed's connection as Server-Sent Events. Every event carries its id and the reconnection
 * time, so that a client whose feed is closed (too slow, timed out) comes back after that time
 * with {@code Last-Event-ID} and misses nothing.
 */
final class SseSender implements LiveFeed.Sender {

    private final SseEmitter emitter;
    private final LiveFeed.Format format;
    private final long reconnectMillis;

    SseSender(SseEmitter emitter, LiveFeed.Format format, Duration reconnectDelay) {
        this.emitter = emitter;
        this.format = format;
        this.reconnectMillis = reconnectDelay.toMillis();
    }

    @Override
    public void send(LiveEvent event) throws IOException {
        SseEmitter.SseEventBuilder builder = SseEmitter.event().id(event.id()).name("audit").reconnectTime(reconnectMillis);
        if (format == LiveFeed.Format.JSON) {
            builder.data(event.record(), MediaType.APPLICATION_JSON);
        } else {
            builder.data(event.html(), MediaType.TEXT_HTML);
        }
        emitter.send(builder);
    }

    @Override
    public void heartbeat() throws IOException {
        emitter.send(SseEmitter.event().comment("keep-alive"));
    }

    @Override
    public void close() {
        emitter.complete();
    }
}
