package com.ec2manager.audit;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports every record matching a filter, as CSV or JSON Lines. The records are read lazily,
 * page by page, and written as they come, so that an export of any size holds one page in
 * memory. The filter is checked before the first byte, so bad input is still a 400.
 */
@RestController
class AuditExportController {

    private static final Logger log = LoggerFactory.getLogger(AuditExportController.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int FLUSH_EVERY = 500;

    private final AuditTrail audit;
    private final AuditFilterResolver filters;
    private final JsonMapper json;
    private final Clock clock;
    private final AuditArchiveReach archive;

    AuditExportController(AuditTrail audit, AuditFilterResolver filters, JsonMapper json, Clock clock,
                          AuditArchiveReach archive) {
        this.audit = audit;
        this.filters = filters;
        this.json = json;
        this.clock = clock;
        this.archive = archive;
    }

    @GetMapping({"/api/v1/audit/export", "/audit/export"})
    ResponseEntity<StreamingResponseBody> export(@ModelAttribute AuditFilter filter,
                                                 @RequestParam(required = false) String format) {
        AuditExportFormat chosen = AuditExportFormat.parse(format);
        AuditQuery query = filters.toQuery(filter);
        // The table keeps the retention; a range reaching further back reads that part from the
        // archive, lazily and newest first, after the table's part.
        Instant cutoff = archive.cutoff();
        boolean fromArchive = archive.reaches(query);
        // Opening the stream checks the filter and the cursor: failures become 4xx/503 here.
        Stream<AuditRecord> fromTable = fromArchive && archive.beforeTable(query, cutoff) ? Stream.empty()
                : audit.stream(fromArchive ? archive.tablePart(query, cutoff) : query);
        Stream<AuditRecord> records = fromArchive
                ? Stream.concat(fromTable, Stream.of(query).flatMap(q -> archive.older(q, cutoff, null)))
                : fromTable;
        String fileName = "audit-" + FILE_TIME.format(clock.instant()) + "." + chosen.extension();
        StreamingResponseBody body = output -> {
            int written = 0;
            try (records; Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16)) {
                if (chosen == AuditExportFormat.CSV) {
                    AuditCsv.writeHeader(out);
                }
                Iterator<AuditRecord> iterator = records.iterator();
                while (iterator.hasNext()) {
                    AuditRecord record = iterator.next();
                    if (chosen == AuditExportFormat.CSV) {
                        AuditCsv.write(out, record);
                    } else {
                        out.write(json.writeValueAsString(AuditEntry.of(record)));
                        out.write('\n');
                    }
                    if (++written % FLUSH_EVERY == 0) {
                        out.flush();
                    }
                }
            } catch (RuntimeException e) {
                // The status is sent already; breaking the connection tells the client the file is incomplete.
                log.warn("audit export broke off after {} records: {}", written, e.getMessage());
                throw e;
            }
        };
        var response = ResponseEntity.ok();
        if (fromArchive) {
            // says that records older than the table's retention were read from the archive
            response.header("X-Audit-Archive-Until", cutoff.toString());
        }
        return response
                .contentType(chosen.mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(fileName).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }
}
