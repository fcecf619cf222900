package com.ec2manager.localaws.ec2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator's state on disk, {@code <dataDir>/state.json}: replaced atomically (write a
 * temporary file, force it to disk, rename) after every change — at once, or debounced when
 * a save delay is set, and always on close.
 */
final class StateFile implements AutoCloseable {

    static final String FILE_NAME = "state.json";
    private static final int FORMAT_VERSION = 1;
    private static final Logger log = LoggerFactory.getLogger(StateFile.class);
    // a flag added since a file was written (hibernationConfigured) reads as false rather than refusing the file
    private static final JsonMapper JSON = JsonMapper.builder().disable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    private final Path file;
    private final Duration saveDelay;
    private final Supplier<Saved> snapshot;
    private final Object saving = new Object();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final ScheduledExecutorService debouncer;

    StateFile(Path dataDir, Duration saveDelay, Supplier<Saved> snapshot) {
        this.file = dataDir.resolve(FILE_NAME);
        this.saveDelay = saveDelay;
        this.snapshot = snapshot;
        this.debouncer = saveDelay.isZero() ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ec2-emulator-state");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The state saved in {@code dataDir}, if there is one. */
    static Optional<Saved> load(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Saved saved = JSON.readValue(file.toFile(), Saved.class);
            if (saved.version() != FORMAT_VERSION) {
                throw new IllegalStateException("unsupported EC2 emulator state version " + saved.version() + " in " + file);
            }
            return Optional.of(saved);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read the EC2 emulator state " + file
                    + "; move it away to start from a freshly seeded fleet", e);
        }
    }

    static Saved saved(FleetSpec fleet, Instant at, List<Ec2Instance> instances) {
        return new Saved(FORMAT_VERSION, fleet, at, instances);
    }

    /** Records that the state changed: saves now, or within the save delay. */
    void changed() {
        if (debouncer == null) {
            save();
        } else if (dirty.compareAndSet(false, true)) {
            debouncer.schedule(this::saveIfDirty, saveDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void saveIfDirty() {
        if (dirty.getAndSet(false)) {
            try {
                save();
            } catch (RuntimeException e) {
                log.error("could not save the EC2 emulator state to {}", file, e);
            }
        }
    }

    /** Writes the current state; the snapshot is taken inside the lock so no older one wins. */
    void save() {
        synchronized (saving) {
            byte[] json = JSON.writeValueAsBytes(snapshot.get());
            try {
                Files.createDirectories(file.getParent());
                Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    ByteBuffer buffer = ByteBuffer.wrap(json);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not save the EC2 emulator state to " + file, e);
            }
        }
    }

    @Override
    public void close() {
        if (debouncer != null) {
            debouncer.shutdownNow();
            saveIfDirty();
        }
    }

    /**
     * The file's content.
     *
     * @param version   the format version
     * @param fleet     the fleet spec the state was seeded from
     * @param savedAt   when it was written (by the emulator's clock)
     * @param instances every visible instance, transitions included
     */
    record Saved(int version, FleetSpec fleet, Instant savedAt, List<Ec2Instance> instances) {
    }
}
