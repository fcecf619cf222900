package com.ec2manager.notifications;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to one target on a thread of its own, so that a slow or failing target delays no
 * other: each delivery is tried until it succeeds, with exponential backoff and jitter, and
 * becomes a dead letter after the last attempt (or at once when the target's queue is full). The
 * answer of {@link #submit} completes only then, which is when the stream consumer may checkpoint
 * past the record.
 */
final class TargetWorker {

    private static final Logger log = LoggerFactory.getLogger(TargetWorker.class);

    private final NotificationTarget target;
    private final NotificationProperties properties;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final ScheduledExecutorService executor;
    private final AtomicInteger waiting = new AtomicInteger();

    TargetWorker(NotificationTarget target, NotificationProperties properties, DeadLetters deadLetters,
                 MeterRegistry meters) {
        this.target = target;
        this.properties = properties;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "notify-" + target.name());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Queues the notification when the target wants it; the answer completes once it is delivered
     * or kept as a dead letter (at once when the target does not want it).
     */
    CompletableFuture<Void> submit(Notification notification) {
        if (!target.wants(notification)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (waiting.incrementAndGet() > properties.queueSize()) {
            executor.execute(() -> deadLetter(notification, 0, "the target's queue was full", done));
            return done;
        }
        executor.execute(() -> attempt(notification, 1, done));
        return done;
    }

    private void attempt(Notification notification, int attempt, CompletableFuture<Void> done) {
        try {
            target.send(notification);
            waiting.decrementAndGet();
            meters.counter("ec2manager.notifications.delivered", "target", target.name()).increment();
            done.complete(null);
        } catch (Exception e) {
            meters.counter("ec2manager.notifications.failed", "target", target.name()).increment();
            if (attempt >= properties.maxAttempts()) {
                log.error("notification {} to {} failed {} times, the last with {}; kept as a dead letter",
                        notification.id(), target.name(), attempt, e.toString());
                deadLetter(notification, attempt, e.toString(), done);
                return;
            }
            Duration pause = backoff(attempt);
            log.warn("notification {} to {} failed ({}); attempt {} in {} ms", notification.id(), target.name(),
                    e.toString(), attempt + 1, pause.toMillis());
            executor.schedule(() -> attempt(notification, attempt + 1, done), pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Keeps the notification as a dead letter; while the bucket refuses it, tries again after the longest pause. */
    private void deadLetter(Notification notification, int attempts, String reason, CompletableFuture<Void> done) {
        try {
            deadLetters.record(target.name(), notification, attempts, reason);
        } catch (RuntimeException e) {
            if (executor.isShutdown()) {
                return; // shutting down: not settled, so the record is not checkpointed and comes again
            }
            log.error("dead letter {} for {} could not be stored ({}); trying again", notification.id(), target.name(),
                    e.toString());
            executor.schedule(() -> deadLetter(notification, attempts, reason, done),
                    properties.longestRetry().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        waiting.decrementAndGet();
        meters.counter("ec2manager.notifications.dead", "target", target.name()).increment();
        done.complete(null);
    }

    /** first × 2^(attempt−1), at most the longest, less up to a fifth at random so that retries spread out. */
    Duration backoff(int attempt) {
        long first = properties.firstRetry().toMillis();
        long millis = Math.min(properties.longestRetry().toMillis(), first << Math.min(attempt - 1, 20));
        return Duration.ofMillis(millis - ThreadLocalRandom.current().nextLong(millis / 5 + 1));
    }

    void close() {
        executor.shutdownNow();
    }
}
