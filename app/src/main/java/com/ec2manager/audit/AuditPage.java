package com.ec2manager.audit;

import java.util.List;

/** One page of records, newest first; {@code nextCursor} is null after the last page. */
public record AuditPage(List<AuditRecord> records, String nextCursor) {

    public AuditPage {
        records = List.copyOf(records);
    }

    public boolean hasNext() {
        return nextCursor != null;
    }
}
