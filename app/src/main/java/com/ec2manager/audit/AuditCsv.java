package com.ec2manager.audit;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Audit records as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote
 * or line break in double quotes, quotes doubled). Cells that a spreadsheet would take for a
 * formula ({@code = + - @}, tab, carriage return) are prefixed with {@code '}, so that opening
 * an export never runs anything an audited user typed into a reason.
 */
final class AuditCsv {

    static final List<String> COLUMNS = List.of("eventTime", "userId", "userEmail", "action", "resourceType",
            "resourceId", "outcome", "instanceType", "previousState", "accountId", "accountName", "region", "reason", "newState",
            "otherDetails", "ipAddress", "userAgent", "requestId", "awsRequestId", "errorCode", "errorMessage",
            "completedAt", "timestamp", "eventId", "ttl", "inference");

    /** Details with a column of their own: an instance is identified by account, region and id. */
    private static final List<String> ACCOUNT_COLUMNS = List.of("accountId", "accountName");

    private AuditCsv() {
    }

    static void writeHeader(Writer out) throws IOException {
        writeRow(out, COLUMNS);
    }

    static void write(Writer out, AuditRecord record) throws IOException {
        AuditDetails details = record.details() == null ? AuditDetails.NONE : record.details();
        String other = details.extra().entrySet().stream()
                .filter(entry -> !ACCOUNT_COLUMNS.contains(entry.getKey())).sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining("; "));
        writeRow(out, java.util.Arrays.asList(text(record.eventTime()), record.userId(), record.userEmail(),
                name(record.action()), name(record.resourceType()), record.resourceId(), name(record.outcome()),
                details.instanceType(), details.previousState(), details.accountId(), details.extra().get("accountName"),
                details.region(), details.reason(),
                record.newState(), other, record.ipAddress(), record.userAgent(), record.requestId(),
                record.awsRequestId(), record.errorCode(), record.errorMessage(), text(record.completedAt()),
                record.timestamp(), record.eventId(), Long.toString(record.ttl()), record.inference()));
    }

    static void writeRow(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    /** One cell, neutralised against formulas and quoted where RFC 4180 requires it. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = startsLikeFormula(value) ? "'" + value : value;
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    private static boolean startsLikeFormula(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
