package com.ec2manager.livefeed;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.ec2manager.stream.AuditChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The open feeds of this instance and the last events, so that a client reconnecting with
 * {@code Last-Event-ID} gets what it missed.
 *
 * <p>The stream's reading thread only queues: each feed has a bounded queue of its own, sent from
 * by a sending thread while the feed has something waiting, so that a slow client delays no other
 * and not the stream. A feed whose queue is full has fallen too far behind: it is closed, and its
 * client reconnects after the {@code retry} time every event carries, resuming after its
 * {@code Last-Event-ID}. Memory stays bounded: a fixed number of events kept, a fixed queue per
 * feed, a fixed number of feeds per person; an idle feed holds no thread.
 *
 * <p>At shutdown the feeds are closed before the web server's graceful shutdown (a lifecycle of a
 * later phase), which would otherwise wait for these never-ending responses; the clients reconnect
 * to another instance.
 */
final class LiveFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    private static final Object HEARTBEAT = new Object();

    /** How a feed wants its events: JSON for API clients, page fragments for browsers. */
    enum Format { JSON, HTML }

    /** Where one feed's events go (the SSE connection); called on the feed's sending thread only. */
    interface Sender {

        void send(LiveEvent event) throws IOException;

        void heartbeat() throws IOException;

        /** Ends the connection; the client may reconnect. */
        void close();
    }

    private final LiveFeedProperties properties;
    private final Function<AuditChange, LiveEvent> renderer;
    private final Deque<LiveEvent> recent = new ArrayDeque<>();
    private final List<Feed> feeds = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> perPerson = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat;
    /** Threads exist only while feeds have something to send; one blocked by a slow client holds up only its feed. */
    private final ExecutorService sending;
    private volatile boolean running;

    LiveFeed(LiveFeedProperties properties, Function<AuditChange, LiveEvent> renderer) {
        this.properties = properties;
        this.renderer = renderer;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "audit-live-feed-heartbeat"));
        AtomicInteger senders = new AtomicInteger();
        this.sending = Executors.newCachedThreadPool(r -> daemon(r, "audit-live-feed-send-" + senders.incrementAndGet()));
        long every = properties.heartbeat().toMillis();
        heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** A change read from the stream: new records and completions are pushed, deletions are not. */
    void publish(AuditChange change) {
        if (change.kind() == AuditChange.Kind.REMOVE || change.newImage() == null) {
            return;
        }
        LiveEvent event;
        try {
            event = renderer.apply(change);
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
        for (Feed feed : feeds) {
            feed.offer(event);
        }
    }

    /**
     * Opens a feed for {@code person} that first gets what came after {@code lastEventId} (when
     * given); answers what the connection calls when it ends (completed, timed out, failed), or
     * empty when the person holds as many feeds as allowed.
     */
    Optional<Runnable> open(String person, String lastEventId, Sender sender) {
        AtomicInteger count = perPerson.computeIfAbsent(person, p -> new AtomicInteger());
        if (count.incrementAndGet() > properties.connectionsPerPerson()) {
            count.decrementAndGet();
            return Optional.empty();
        }
        List<LiveEvent> missed = since(lastEventId);
        // room for what it missed (at most the buffer) on top of the queue it keeps for new events
        Feed feed = new Feed(person, sender, count, properties.sendQueue() + missed.size());
        feeds.add(feed);
        missed.forEach(feed::offer);
        return Optional.of(feed::ended);
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

    private void beat() {
        for (Feed feed : feeds) {
            feed.offer(HEARTBEAT);
        }
    }

    int openFeeds() {
        return feeds.size();
    }

    /** The feeds {@code person} holds now. */
    int openFeeds(String person) {
        AtomicInteger count = perPerson.get(person);
        return count == null ? 0 : count.get();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        heartbeat.shutdownNow();
        feeds.forEach(Feed::end);
        sending.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** One open feed: its queue, drained on a sending thread while it holds something. */
    private final class Feed {

        private final String person;
        private final Sender sender;
        private final AtomicInteger count;
        private final BlockingQueue<Object> waiting;
        private final AtomicBoolean draining = new AtomicBoolean();
        private final AtomicBoolean open = new AtomicBoolean(true);

        Feed(String person, Sender sender, AtomicInteger count, int queue) {
            this.person = person;
            this.sender = sender;
            this.count = count;
            this.waiting = new ArrayBlockingQueue<>(queue);
        }

        void offer(Object item) {
            if (!open.get()) {
                return;
            }
            if (!waiting.offer(item)) {
                log.info("live feed: a feed of {} fell {} events behind; closed, its client resumes after its last event",
                        person, properties.sendQueue());
                // ending waits for a send under way, which may be stuck on the slow client: not on this thread
                sending.execute(this::end);
                return;
            }
            if (draining.compareAndSet(false, true)) {
                sending.execute(this::drain);
            }
        }

        private void drain() {
            try {
                Object item;
                while (open.get() && (item = waiting.poll()) != null) {
                    if (item == HEARTBEAT) {
                        sender.heartbeat();
                    } else {
                        sender.send((LiveEvent) item);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the client went away
                end();
                return;
            } finally {
                draining.set(false);
            }
            if (open.get() && !waiting.isEmpty() && draining.compareAndSet(false, true)) {
                sending.execute(this::drain);
            }
        }

        /** Closes the connection (once) and forgets the feed. */
        void end() {
            if (ended()) {
                sender.close();
            }
        }

        /** Forgets the feed; true the first time. */
        boolean ended() {
            if (!open.compareAndSet(true, false)) {
                return false;
            }
            feeds.remove(this);
            count.decrementAndGet();
            waiting.clear();
            return true;
        }
    }
}
