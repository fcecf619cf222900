package com.ec2manager.notifications;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import com.ec2manager.archive.ArchiveStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications that could not be delivered, kept in the archive bucket under
 * {@code notifications/dead-letters/<target>/<delivery id>.json} with the reason, for a person
 * to look at or send again.
 */
final class DeadLetters {

    static final String PREFIX = "notifications/dead-letters/";
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ArchiveStore store;
    private final Clock clock;

    DeadLetters(ArchiveStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void record(String target, Notification notification, int attempts, String reason) {
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("target", target);
        letter.put("attempts", attempts);
        letter.put("reason", reason);
        letter.put("failedAt", clock.instant().toString());
        letter.put("id", notification.id());
        letter.put("type", notification.type());
        letter.put("record", notification.record());
        try {
            store.put(PREFIX + target.replaceAll("[^A-Za-z0-9._-]", "-") + "/" + notification.id() + ".json",
                    JSON.writeValueAsBytes(letter), "application/json", Map.of());
        } catch (RuntimeException e) {
            log.error("dead letter {} for {} could not be stored: {}", notification.id(), target, e.toString());
        }
    }
}
