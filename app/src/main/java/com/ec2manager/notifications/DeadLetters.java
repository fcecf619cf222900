package com.ec2manager.notifications;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import com.ec2manager.archive.ArchiveStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications that could not be delivered, kept in the archive bucket under
 * {@code notifications/dead-letters/<target>/<delivery id>.json} with the reason, for a person
 * to look at or send again.
 */
final class DeadLetters {

    static final String PREFIX = "notifications/dead-letters/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ArchiveStore store;
    private final Clock clock;

    DeadLetters(ArchiveStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Where the dead letter of delivery {@code id} to {@code target} lies in the bucket. */
    static String key(String target, String id) {
        return PREFIX + target.replaceAll("[^A-Za-z0-9._-]", "-") + "/" + id + ".json";
    }

    /** Stores the dead letter; throws when the bucket refuses it (the caller tries again). */
    void record(String target, Notification notification, int attempts, String reason) {
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("target", target);
        letter.put("attempts", attempts);
        letter.put("reason", reason);
        letter.put("failedAt", clock.instant().toString());
        letter.put("id", notification.id());
        letter.put("type", notification.type());
        letter.put("record", notification.record());
        store.put(key(target, notification.id()), JSON.writeValueAsBytes(letter), "application/json", Map.of());
    }
}
