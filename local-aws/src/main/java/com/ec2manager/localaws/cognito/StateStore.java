package com.ec2manager.localaws.cognito;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import tools.jackson.databind.ObjectMapper;

/** Reads and atomically replaces {@code state.json}: a crash leaves the old or the new file, never half. */
final class StateStore {

    private final Path file;
    private final ObjectMapper json;

    StateStore(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
    }

    Optional<PoolState> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(Files.readString(file), PoolState.class));
        } catch (IOException e) {
            throw new UncheckedIOException("the Cognito emulator's state " + file + " could not be read", e);
        }
    }

    void save(PoolState state) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "state", ".json.part");
            Files.writeString(tmp, json.writerWithDefaultPrettyPrinter().writeValueAsString(state));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("the Cognito emulator's state could not be written to " + file, e);
        }
    }
}
