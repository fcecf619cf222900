package com.ec2manager.archive;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import com.ec2manager.audit.AuditArchive;
import com.ec2manager.audit.AuditUnavailableException;
import com.ec2manager.stream.AttributeJson;
import com.ec2manager.stream.AuditChange;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The archive as the audit trail reads it past the table's retention. */
final class ArchivedAuditItems implements AuditArchive {

    private final ArchiveReader reader;

    ArchivedAuditItems(ArchiveReader reader) {
        this.reader = reader;
    }

    @Override
    public Stream<Map<String, AttributeValue>> items(Instant from, Instant to) {
        return reader.newestFirst(from, to, failure -> new AuditUnavailableException(
                        "The audit archive cannot be read right now; records older than the table's retention are"
                                + " there. Try again shortly.", failure))
                .map(AuditChange::latestImage)
                .filter(image -> image != null)
                .map(AttributeJson::attributes);
    }
}
