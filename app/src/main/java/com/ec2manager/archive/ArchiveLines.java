package com.ec2manager.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.ec2manager.stream.AuditChange;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The archive's file format: gzip-compressed JSON Lines, one stream record per line. */
final class ArchiveLines {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> LINE = new TypeReference<>() { };

    private ArchiveLines() {
    }

    static byte[] write(List<AuditChange> changes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (AuditChange change : changes) {
                gzip.write(JSON.writeValueAsBytes(line(change)));
                gzip.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The records of a file, in the order written. */
    static List<AuditChange> read(byte[] file) {
        List<AuditChange> changes = new ArrayList<>();
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(
                new GZIPInputStream(new ByteArrayInputStream(file)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    changes.add(change(JSON.readValue(line, LINE)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return changes;
    }

    private static Map<String, Object> line(AuditChange change) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("eventId", change.eventId());
        line.put("eventName", change.kind().name());
        line.put("shardId", change.shardId());
        line.put("sequenceNumber", change.sequenceNumber());
        line.put("approximateCreation", change.approximateCreation() == null ? null
                : change.approximateCreation().toString());
        line.put("userId", change.userId());
        line.put("timestamp", change.timestamp());
        line.put("ttlDeletion", change.ttlDeletion());
        line.put("oldImage", change.oldImage());
        line.put("newImage", change.newImage());
        return line;
    }

    @SuppressWarnings("unchecked")
    private static AuditChange change(Map<String, Object> line) {
        Object created = line.get("approximateCreation");
        return new AuditChange((String) line.get("eventId"), AuditChange.Kind.valueOf((String) line.get("eventName")),
                (String) line.get("shardId"), (String) line.get("sequenceNumber"),
                created == null ? null : Instant.parse((String) created), (String) line.get("userId"),
                (String) line.get("timestamp"), (Map<String, Object>) line.get("oldImage"),
                (Map<String, Object>) line.get("newImage"), Boolean.TRUE.equals(line.get("ttlDeletion")));
    }
}
