package com.ec2manager.localaws.cognito;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the messages Cognito would e-mail land instead: one {@code .eml} text file per message in
 * a folder a person can open, and an in-memory list for the HTTP page and for tests.
 */
public final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    static final String FROM = "no-reply@verificationemail.com";

    private final Path folder;
    private final List<OutboxMessage> messages = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    Outbox(Path folder) {
        this.folder = folder;
        try {
            Files.createDirectories(folder);
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(f -> f.getFileName().toString().endsWith(".eml")).sorted()
                        .forEach(f -> read(f).ifPresent(messages::add));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the outbox " + folder + " could not be read", e);
        }
        messages.sort(Comparator.comparing(OutboxMessage::sentAt).thenComparing(OutboxMessage::id));
        sequence.set(messages.size());
    }

    /** The folder holding one {@code .eml} file per message. */
    public Path folder() {
        return folder;
    }

    /** Every message, newest first. */
    public List<OutboxMessage> messages() {
        List<OutboxMessage> newestFirst = new ArrayList<>(messages);
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The newest message to {@code address} (compared case-insensitively). */
    public Optional<OutboxMessage> latestTo(String address) {
        return messages().stream().filter(m -> m.to().equalsIgnoreCase(address)).findFirst();
    }

    OutboxMessage send(Instant now, String to, String subject, String body) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now);
        String id = stamp + "-" + String.format("%06d", sequence.incrementAndGet());
        OutboxMessage message = new OutboxMessage(id, now, to, subject, body);
        String eml = "Message-Id: <" + id + "@cognito.local>\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(now) + "\n"
                + "From: " + FROM + "\n"
                + "To: " + to + "\n"
                + "Subject: " + subject + "\n"
                + "Content-Type: text/plain; charset=UTF-8\n"
                + "\n" + body + "\n";
        try {
            Path tmp = Files.createTempFile(folder, id, ".part");
            Files.writeString(tmp, eml, StandardCharsets.UTF_8);
            Files.move(tmp, folder.resolve(id + ".eml"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("a message could not be written to the outbox " + folder, e);
        }
        messages.add(message);
        log.info("Cognito e-mail to {} in the outbox: {}", to, folder.resolve(id + ".eml"));
        return message;
    }

    private static Optional<OutboxMessage> read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int split = text.indexOf("\n\n");
            String headers = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 2).stripTrailing();
            String to = header(headers, "To");
            String subject = header(headers, "Subject");
            String date = header(headers, "Date");
            String name = file.getFileName().toString();
            Instant sentAt = Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(date));
            return Optional.of(new OutboxMessage(name.substring(0, name.length() - 4), sentAt, to, subject, body));
        } catch (IOException | RuntimeException e) {
            log.warn("skipping the unreadable outbox file {}", file, e);
            return Optional.empty();
        }
    }

    private static String header(String headers, String name) {
        return headers.lines().filter(l -> l.startsWith(name + ": ")).map(l -> l.substring(name.length() + 2))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no " + name + " header"));
    }
}
