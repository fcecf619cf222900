package com.ec2manager.localaws.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

    @TempDir
    Path folder;

    @Test
    void messagesAreFilesThatAreReadBackNewestFirst() {
        Outbox outbox = new Outbox(folder);
        outbox.send(Instant.parse("2025-03-01T09:00:00Z"), "a@example.com", "Your temporary password", "first");
        outbox.send(Instant.parse("2025-03-01T09:00:05Z"), "b@example.com", "Your verification code", "second");
        outbox.send(Instant.parse("2025-03-01T09:00:09Z"), "A@example.com", "Your verification code", "third");

        Outbox reopened = new Outbox(folder);
        assertThat(reopened.messages()).extracting(OutboxMessage::body).containsExactly("third", "second", "first");
        assertThat(reopened.latestTo("a@example.com")).hasValueSatisfying(m -> {
            assertThat(m.body()).isEqualTo("third");
            assertThat(m.sentAt()).isEqualTo(Instant.parse("2025-03-01T09:00:09Z"));
        });
        assertThat(reopened.latestTo("nobody@example.com")).isEmpty();
        reopened.send(Instant.parse("2025-03-01T09:01:00Z"), "c@example.com", "s", "fourth");
        assertThat(new Outbox(folder).messages()).hasSize(4).first().extracting(OutboxMessage::body).isEqualTo("fourth");
    }
}
