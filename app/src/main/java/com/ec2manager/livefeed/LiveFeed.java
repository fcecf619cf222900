package com.ec2manager.livefeed;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.ec2manager.stream.AuditChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open feeds of this instance and the last events, so that a client reconnecting with
 * {@code Last-Event-ID} gets what it missed. Memory stays bounded: a fixed number of events,
 * a fixed number of feeds per person, and nothing kept per idle feed beyond its emitter.
 */
final class LiveFeed {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    /** How a feed wants its events: JSON for API clients, page fragments for browsers. */
    enum Format { JSON, HTML }

    private record Subscriber(String person, Format format, SseEmitter emitter) {
    }

    private final LiveFeedProperties properties;
    private final LiveEventRenderer renderer;
    private final Deque<LiveEvent> recent = new ArrayDeque<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> perPerson = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat;

    LiveFeed(LiveFeedProperties properties, LiveEventRenderer renderer) {
        this.properties = properties;
        this.renderer = renderer;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "audit-live-feed-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.heartbeat().toMillis();
        heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** A change read from the stream: new records and completions are pushed, deletions are not. */
    void publish(AuditChange change) {
        if (change.kind() == AuditChange.Kind.REMOVE || change.newImage() == null) {
            return;
        }
        LiveEvent event;
        try {
            event = renderer.render(change);
        } catch (RuntimeException e) {
            // one record that cannot be shown must not stop the feed
            log.error("live feed: record {} could not be rendered", change.itemKey(), e);
            return;
        }
        synchronized (recent) {
            recent.addLast(event);
            while (recent.size() > properties.buffer()) {
                recent.removeFirst();
            }
        }
        log.debug("live feed: {} {} to {} feeds", change.kind(), change.itemKey(), subscribers.size());
        for (Subscriber subscriber : subscribers) {
            send(subscriber, event);
        }
    }

    /** Opens a feed for {@code person}; empty when the person holds as many feeds as allowed. */
    java.util.Optional<SseEmitter> open(String person, Format format, String lastEventId) {
        AtomicInteger count = perPerson.computeIfAbsent(person, p -> new AtomicInteger());
        if (count.incrementAndGet() > properties.connectionsPerPerson()) {
            count.decrementAndGet();
            return java.util.Optional.empty();
        }
        SseEmitter emitter = new SseEmitter(properties.connectionTimeout().toMillis());
        Subscriber subscriber = new Subscriber(person, format, emitter);
        Runnable close = () -> {
            if (subscribers.remove(subscriber)) {
                count.decrementAndGet();
            }
        };
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(error -> close.run());
        subscribers.add(subscriber);
        for (LiveEvent missed : since(lastEventId)) {
            send(subscriber, missed);
        }
        return java.util.Optional.of(emitter);
    }

    private List<LiveEvent> since(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return List.of();
        }
        List<LiveEvent> missed = new ArrayList<>();
        synchronized (recent) {
            for (LiveEvent event : recent) {
                if (AuditChange.compareSequence(event.id(), lastEventId.trim()) > 0) {
                    missed.add(event);
                }
            }
        }
        return missed;
    }

    private void send(Subscriber subscriber, LiveEvent event) {
        try {
            SseEmitter.SseEventBuilder builder = SseEmitter.event().id(event.id()).name("audit");
            if (subscriber.format() == Format.JSON) {
                builder.data(event.record(), MediaType.APPLICATION_JSON);
            } else {
                builder.data(event.html(), MediaType.TEXT_HTML);
            }
            subscriber.emitter().send(builder);
        } catch (IOException | IllegalStateException e) {
            // the client went away; its emitter's callbacks remove it
            subscriber.emitter().completeWithError(e);
        }
    }

    private void beat() {
        for (Subscriber subscriber : subscribers) {
            try {
                subscriber.emitter().send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException e) {
                subscriber.emitter().completeWithError(e);
            }
        }
    }

    int openFeeds() {
        return subscribers.size();
    }

    void close() {
        heartbeat.shutdownNow();
        subscribers.forEach(subscriber -> subscriber.emitter().complete());
    }

}
