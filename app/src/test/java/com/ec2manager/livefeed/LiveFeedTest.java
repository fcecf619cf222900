package com.ec2manager.livefeed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.ec2manager.stream.AuditChange;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The feeds are served off the stream's thread: a client that does not read delays neither the
 * stream nor the other clients, and once it has fallen a queue behind it is closed and resumes
 * after its last event when it reconnects.
 */
class LiveFeedTest {

    private static final int SEND_QUEUE = 3;

    private final LiveFeed feed = new LiveFeed(new LiveFeedProperties(true, Duration.ofMillis(250), 500, 5,
            Duration.ofHours(1), Duration.ofMinutes(30), SEND_QUEUE, Duration.ofSeconds(1)),
            change -> new LiveEvent(change.sequenceNumber(), Map.of("resourceId", change.timestamp()), "<tr></tr>"));

    /** A client that takes every event at once. */
    private static class Reader implements LiveFeed.Sender {
        final List<String> ids = new CopyOnWriteArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void send(LiveEvent event) {
            ids.add(event.id());
        }

        @Override
        public void heartbeat() {
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    /** A client that stops reading: its first send blocks until released, as a full socket does. */
    private static final class StuckReader extends Reader {
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void send(LiveEvent event) {
            super.send(event);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @AfterEach
    void close() {
        feed.stop();
    }

    private static AuditChange change(int n) {
        return new AuditChange("event-" + n, AuditChange.Kind.INSERT, "shard-1", String.format("%021d", n),
                Instant.EPOCH, "user", "2026-11-30T00:00:0" + n + "Z", null, Map.of("outcome", Map.of("S", "PENDING")),
                false);
    }

    private static String id(int n) {
        return String.format("%021d", n);
    }

    private static void awaitSize(List<String> ids, int size) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ids.size() >= size);
    }

    @Test
    void aClientThatStopsReadingDelaysNeitherTheStreamNorTheOtherClients() throws InterruptedException {
        StuckReader stuck = new StuckReader();
        Reader reader = new Reader();
        feed.open("stuck@example.com", null, stuck).orElseThrow();
        feed.open("reader@example.com", null, reader).orElseThrow();

        feed.publish(change(1));
        awaitSize(stuck.ids, 1);
        for (int n = 2; n <= SEND_QUEUE; n++) {
            feed.publish(change(n)); // returns although the stuck client's send of 1 never does
        }
        awaitSize(reader.ids, SEND_QUEUE);

        assertThat(reader.ids).containsExactly(id(1), id(2), id(3));
        assertThat(stuck.ids).containsExactly(id(1));
        assertThat(stuck.closed.getCount()).as("still within its queue: kept open").isEqualTo(1);
        stuck.release.countDown();
    }

    @Test
    void aClientThatFallsAQueueBehindIsClosedAndResumesAfterItsLastEventWhenItReconnects() throws Exception {
        StuckReader stuck = new StuckReader();
        feed.open("stuck@example.com", null, stuck).orElseThrow();

        feed.publish(change(1));
        awaitSize(stuck.ids, 1);
        for (int n = 2; n <= SEND_QUEUE + 2; n++) {
            feed.publish(change(n)); // 1 is being sent, 2–4 wait, 5 is one too many
        }

        assertThat(stuck.closed.await(10, TimeUnit.SECONDS)).as("closed for falling behind").isTrue();
        assertThat(feed.openFeeds("stuck@example.com")).isZero();
        stuck.release.countDown();
        Reader again = new Reader();
        feed.open("stuck@example.com", id(1), again).orElseThrow();
        awaitSize(again.ids, SEND_QUEUE + 1);
        assertThat(again.ids).containsExactly(id(2), id(3), id(4), id(5));
    }
}
