package com.ec2manager.action;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.ec2manager.audit.AuditKey;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.AuditUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PENDING writes whose callers were told "nothing was done" because the write failed — which,
 * with DynamoDB slow rather than down, an SDK retry may still land. Each is settled as not
 * performed by the reconciler's next pass (and retried until DynamoDB answers), and never judged
 * from the resource's state: the service was not called.
 */
public class AbandonedRecords {

    private static final Logger log = LoggerFactory.getLogger(AbandonedRecords.class);
    static final String WHY = "The audit record could not be written in time, so the action was not taken "
            + "and the caller was told that nothing was done.";

    private final Map<AuditKey, AuditRecord> records = new ConcurrentHashMap<>();

    void add(AuditRecord attempted) {
        records.put(attempted.key(), attempted);
    }

    boolean contains(AuditKey key) {
        return records.containsKey(key);
    }

    /** Settles every abandoned record as not performed; those DynamoDB still refuses stay for the next pass. */
    int settle(AuditTrail audit) {
        int settled = 0;
        for (AuditRecord record : records.values()) {
            try {
                audit.settleNotPerformed(record, WHY);
                records.remove(record.key());
                settled++;
            } catch (AuditUnavailableException e) {
                log.warn("abandoned audit record {} not settled yet: {}", record.key(), e.getMessage());
            }
        }
        return settled;
    }
}
