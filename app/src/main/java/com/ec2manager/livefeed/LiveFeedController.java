package com.ec2manager.livefeed;

import com.ec2manager.identity.Operator;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live feed as Server-Sent Events: page fragments for the console's pages
 * ({@code /audit/events}, signed-in session) and JSON records for API clients
 * ({@code /api/v1/audit/events}, Bearer token). A reconnecting client sends {@code Last-Event-ID}
 * and gets what it missed.
 */
@RestController
class LiveFeedController {

    private final LiveFeed feed;
    private final LiveFeedProperties properties;

    LiveFeedController(LiveFeed feed, LiveFeedProperties properties) {
        this.feed = feed;
        this.properties = properties;
    }

    @GetMapping(path = "/audit/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> page(Operator operator,
                                    @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return open(operator, LiveFeed.Format.HTML, lastEventId);
    }

    @GetMapping(path = "/api/v1/audit/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> api(Operator operator,
                                   @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return open(operator, LiveFeed.Format.JSON, lastEventId);
    }

    private ResponseEntity<SseEmitter> open(Operator operator, LiveFeed.Format format, String lastEventId) {
        SseEmitter emitter = new SseEmitter(properties.connectionTimeout().toMillis());
        Runnable ended = feed.open(operator.userId(), lastEventId,
                new SseSender(emitter, format, properties.reconnectDelay())).orElseThrow(TooManyFeedsException::new);
        emitter.onCompletion(ended);
        emitter.onTimeout(ended);
        emitter.onError(error -> ended.run());
        return ResponseEntity.ok().header("X-Accel-Buffering", "no").body(emitter);
    }
}
