package com.ec2manager.integrity;

/**
 * A change to the audit table that the audit trail never makes.
 *
 * @param kind           edited or deleted
 * @param itemKey        the record, {@code userId/timestamp}
 * @param sequenceNumber the stream record that showed it
 * @param description    what happened, for people
 */
record Tamper(Kind kind, String itemKey, String sequenceNumber, String description) {

    public enum Kind { EDITED, DELETED }
}
