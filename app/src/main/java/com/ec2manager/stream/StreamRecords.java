package com.ec2manager.stream;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** Turns the SDK's stream records into {@link AuditChange}s, so that no SDK type leaves this package. */
final class StreamRecords {

    static final String TTL_PRINCIPAL = "dynamodb.amazonaws.com";

    private StreamRecords() {
    }

    static AuditChange change(Record record, String shardId) {
        var data = record.dynamodb();
        Map<String, AttributeValue> keys = data.keys();
        AuditChange.Kind kind = AuditChange.Kind.valueOf(record.eventNameAsString());
        return new AuditChange(record.eventID(), kind, shardId, data.sequenceNumber(),
                data.approximateCreationDateTime(), keys.get("userId").s(), keys.get("timestamp").s(),
                data.hasOldImage() ? AttributeJson.item(data.oldImage()) : null,
                data.hasNewImage() ? AttributeJson.item(data.newImage()) : null,
                kind == AuditChange.Kind.REMOVE && isTtl(record.userIdentity()));
    }

    /** DynamoDB marks its TTL deletions with a service identity: type "Service", principal dynamodb.amazonaws.com. */
    static boolean isTtl(Identity identity) {
        return identity != null && "Service".equals(identity.type()) && TTL_PRINCIPAL.equals(identity.principalId());
    }
}
