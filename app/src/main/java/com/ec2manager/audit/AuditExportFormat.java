package com.ec2manager.audit;

import java.util.Locale;

import org.springframework.http.MediaType;

/** The forms an export of the audit trail takes. */
enum AuditExportFormat {
    CSV("csv", new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)),
    JSONL("jsonl", new MediaType("application", "jsonl", java.nio.charset.StandardCharsets.UTF_8));

    private final String extension;
    private final MediaType mediaType;

    AuditExportFormat(String extension, MediaType mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    String extension() {
        return extension;
    }

    MediaType mediaType() {
        return mediaType;
    }

    static AuditExportFormat parse(String value) {
        if (value == null || value.isBlank()) {
            return CSV;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "jsonl", "ndjson", "json-lines" -> JSONL;
            default -> throw new InvalidAuditQueryException("'format' must be csv or jsonl, not '"
                    + AuditFilter.printable(value) + "'.");
        };
    }
}
