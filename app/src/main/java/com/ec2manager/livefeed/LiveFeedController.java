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

    LiveFeedController(LiveFeed feed) {
        this.feed = feed;
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
        return feed.open(operator.userId(), format, lastEventId)
                .map(emitter -> ResponseEntity.ok().header("X-Accel-Buffering", "no").body(emitter))
                .orElseThrow(TooManyFeedsException::new);
    }
}
