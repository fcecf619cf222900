package com.ec2manager.integrity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.ec2manager.archive.ArchiveStore;
import com.ec2manager.archive.StoredFile;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tamper alarms and their acknowledgements, kept in the archive bucket under {@code alarms/}
 * (under Object Lock in aws mode, like the archive): every instance sees the same alarms, and
 * neither an alarm nor its acknowledgement can be taken back.
 */
final class TamperAlarmStore {

    static final String PREFIX = "alarms/";
    private static final String ACKNOWLEDGED = ".acknowledged.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private final ArchiveStore store;

    TamperAlarmStore(ArchiveStore store) {
        this.store = store;
    }

    void raise(TamperAlarm alarm) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", alarm.id());
        json.put("kind", alarm.kind().name());
        json.put("itemKey", alarm.itemKey());
        json.put("description", alarm.description());
        json.put("detectedAt", alarm.detectedAt().toString());
        store.put(PREFIX + alarm.id() + ".json", JSON.writeValueAsBytes(json), "application/json", Map.of());
    }

    void acknowledge(String id, String by, Instant at) {
        byte[] json = JSON.writeValueAsBytes(Map.of("id", id, "acknowledgedBy", by, "acknowledgedAt", at.toString()));
        store.put(PREFIX + id + ACKNOWLEDGED, json, "application/json", Map.of());
    }

    /** The alarms no one has acknowledged yet, oldest first. */
    List<TamperAlarm> open() {
        List<StoredFile> files = store.list(PREFIX);
        Set<String> acknowledged = new HashSet<>();
        for (StoredFile file : files) {
            if (file.key().endsWith(ACKNOWLEDGED)) {
                acknowledged.add(file.key().substring(PREFIX.length(), file.key().length() - ACKNOWLEDGED.length()));
            }
        }
        List<TamperAlarm> open = new ArrayList<>();
        for (StoredFile file : files) {
            String name = file.key().substring(PREFIX.length());
            if (name.endsWith(ACKNOWLEDGED) || acknowledged.contains(name.replace(".json", ""))) {
                continue;
            }
            store.get(file.key()).ifPresent(content -> {
                Map<String, Object> json = JSON.readValue(new String(content.bytes(), StandardCharsets.UTF_8), OBJECT);
                open.add(new TamperAlarm((String) json.get("id"), Tamper.Kind.valueOf((String) json.get("kind")),
                        (String) json.get("itemKey"), (String) json.get("description"),
                        Instant.parse((String) json.get("detectedAt"))));
            });
        }
        open.sort(java.util.Comparator.comparing(TamperAlarm::detectedAt));
        return open;
    }

    /** Whether the alarm's acknowledgement is written (throws when the bucket cannot be read now). */
    boolean acknowledged(String id) {
        return store.get(PREFIX + id + ACKNOWLEDGED).isPresent();
    }

    boolean exists(String id) {
        return store.get(PREFIX + id + ".json").isPresent();
    }
}
