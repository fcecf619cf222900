package com.ec2manager.audit;

/** The primary key of one audit record: the user's sub and the record's unique sort key. */
public record AuditKey(String userId, String timestamp) {
}
