package com.ec2manager.livefeed;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.ec2manager.audit.AuditKey;
import org.springframework.stereotype.Component;

/**
 * The element id suffix of an audit record's row, the same for the live feed's rows and for rows
 * a page rendered itself ({@code @liveRowIds.of(record.key())} in a template): a completion pushed
 * by the feed then replaces the record's row wherever it came from, instead of adding a second one.
 */
@Component
public class LiveRowIds {

    /** The id for the record {@code userId/timestamp} (the stream's item key). */
    static String ofItemKey(String itemKey) {
        return UUID.nameUUIDFromBytes(itemKey.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The id for a record the page read itself. */
    public String of(AuditKey key) {
        return ofItemKey(key.userId() + "/" + key.timestamp());
    }
}
