package com.ec2manager.integrity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.ec2manager.archive.ArchiveFileListener;
import com.ec2manager.archive.ArchiveLayout;
import com.ec2manager.archive.ArchiveStore;
import com.ec2manager.archive.ArchivedFile;
import com.ec2manager.archive.Sha256;
import com.ec2manager.archive.StoredFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Writes this instance's chain of signed digests: every interval (also when no file was
 * written, so that a gap shows) and once more at shutdown, each naming the archive files written
 * since the previous one with their SHA-256, and the previous digest's hash and signature. At
 * start it continues the chain it finds in the bucket for its writer name.
 */
final class DigestWriter implements ArchiveFileListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DigestWriter.class);
    /** How far back the start looks for the writer's last digest before it begins a new chain. */
    private static final int LOOKBACK_DAYS = 31;

    private final ArchiveStore store;
    private final DigestSigner signer;
    private final String writer;
    private final Duration interval;
    private final Clock clock;
    private final List<ArchivedFile> pending = new ArrayList<>();
    private ScheduledExecutorService timer;
    private Digest.Link previous;
    private Instant intervalStart;

    DigestWriter(ArchiveStore store, DigestSigner signer, String writer, Duration interval, Clock clock) {
        this.store = store;
        this.signer = signer;
        this.writer = writer;
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public synchronized void written(ArchivedFile file) {
        pending.add(file);
    }

    @Override
    public synchronized void start() {
        resumeChain();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "audit-digest-writer");
            thread.setDaemon(true);
            return thread;
        });
        Instant now = clock.instant();
        long untilBoundary = Duration.between(now, ArchiveLayout.intervalStart(now, interval).plus(interval)).toMillis();
        // a little after each boundary, so that the shards' files of the interval are in
        long grace = Math.min(interval.toMillis() / 10, 5000);
        timer.scheduleAtFixedRate(this::writeOnTimer, untilBoundary + grace, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void writeOnTimer() {
        try {
            writeDigest(false);
        } catch (RuntimeException e) {
            log.error("audit digest could not be written; the files stay pending for the next one", e);
        }
    }

    /** Writes the digest of everything since the previous one; returns its key. */
    synchronized String writeDigest(boolean closing) {
        if (intervalStart == null) {
            resumeChain();
        }
        Instant end = clock.instant();
        if (!end.isAfter(intervalStart)) {
            end = intervalStart.plusMillis(1);
        }
        Digest digest = new Digest(writer, intervalStart, end, closing, List.copyOf(pending), previous,
                signer.keyId(), signer.algorithm());
        byte[] bytes = digest.toJson();
        String signature = Base64.getEncoder().encodeToString(signer.sign(bytes));
        String key = ArchiveLayout.digestFile(writer, end);
        store.put(key, bytes, "application/json", Map.of(Digest.SIGNATURE_METADATA, signature));
        pending.clear();
        previous = new Digest.Link(key, Sha256.hex(bytes), signature);
        intervalStart = end;
        log.debug("audit digest {} with {} files", key, digest.files().size());
        return key;
    }

    private void resumeChain() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (int back = 0; back <= LOOKBACK_DAYS && previous == null; back++) {
            List<StoredFile> digests = store.list(ArchiveLayout.digestDay(writer, today.minusDays(back)));
            if (!digests.isEmpty()) {
                String key = digests.get(digests.size() - 1).key();
                store.get(key).ifPresent(content -> {
                    Digest last = Digest.fromJson(content.bytes());
                    previous = new Digest.Link(key, Sha256.hex(content.bytes()),
                            content.metadata().get(Digest.SIGNATURE_METADATA));
                    intervalStart = last.intervalEnd();
                });
            }
        }
        if (previous == null) {
            intervalStart = now;
            log.info("audit digests: writer {} begins a new chain", writer);
        } else {
            log.info("audit digests: writer {} continues its chain after {}", writer, previous.key());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = timer;
            timer = null;
        }
        if (running == null) {
            return;
        }
        running.shutdownNow();
        try {
            writeDigest(true);
        } catch (RuntimeException e) {
            log.error("the closing audit digest could not be written", e);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    @Override
    public int getPhase() {
        // stops after the stream consumer (higher phase), whose last files it lists
        return Integer.MAX_VALUE - 2048;
    }

    String writer() {
        return writer;
    }
}
