package com.ec2manager.integrity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.ec2manager.archive.ArchivedFile;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A digest file: one writer's interval, every archive file written in it with its SHA-256, and
 * the previous digest's key, hash and signature, so that the digests form a chain. The file's
 * bytes are what is signed; the signature travels as the object's metadata, as CloudTrail's do.
 *
 * @param writer        the application instance that wrote it
 * @param intervalStart the previous digest's end (or the writer's start)
 * @param intervalEnd   when it was written
 * @param closing       written at shutdown: the writer's chain may end here
 * @param files         the archive files written in the interval
 * @param previous      the previous digest of the chain, or null for the first
 * @param keyId         the signing key
 * @param algorithm     the signature algorithm
 */
record Digest(String writer, Instant intervalStart, Instant intervalEnd, boolean closing, List<ArchivedFile> files,
              Link previous, String keyId, String algorithm) {

    static final String SIGNATURE_METADATA = "signature";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    /** What a digest says of the one before it. */
    record Link(String key, String sha256, String signature) {
    }

    byte[] toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", 1);
        json.put("writer", writer);
        json.put("intervalStart", intervalStart.toString());
        json.put("intervalEnd", intervalEnd.toString());
        json.put("closing", closing);
        List<Map<String, Object>> fileList = new ArrayList<>();
        for (ArchivedFile file : files) {
            fileList.add(Map.of("key", file.key(), "sha256", file.sha256(), "records", file.records()));
        }
        json.put("files", fileList);
        json.put("previousDigest", previous == null ? null
                : Map.of("key", previous.key(), "sha256", previous.sha256(), "signature", previous.signature()));
        json.put("keyId", keyId);
        json.put("signatureAlgorithm", algorithm);
        return JSON.writeValueAsBytes(json);
    }

    @SuppressWarnings("unchecked")
    static Digest fromJson(byte[] bytes) {
        Map<String, Object> json = JSON.readValue(bytes, OBJECT);
        List<ArchivedFile> files = new ArrayList<>();
        for (Map<String, Object> file : (List<Map<String, Object>>) json.get("files")) {
            files.add(new ArchivedFile((String) file.get("key"), (String) file.get("sha256"),
                    ((Number) file.get("records")).intValue()));
        }
        Map<String, Object> previous = (Map<String, Object>) json.get("previousDigest");
        return new Digest((String) json.get("writer"), Instant.parse((String) json.get("intervalStart")),
                Instant.parse((String) json.get("intervalEnd")), Boolean.TRUE.equals(json.get("closing")), files,
                previous == null ? null : new Link((String) previous.get("key"), (String) previous.get("sha256"),
                        (String) previous.get("signature")),
                (String) json.get("keyId"), (String) json.get("signatureAlgorithm"));
    }
}
