package com.ec2manager.audit;

import static com.ec2manager.audit.AuditTableSchema.ACTION;
import static com.ec2manager.audit.AuditTableSchema.RESOURCE_ID;
import static com.ec2manager.audit.AuditTableSchema.TIMESTAMP;
import static com.ec2manager.audit.AuditTableSchema.TTL;
import static com.ec2manager.audit.AuditTableSchema.USER_ID;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps audit records to DynamoDB items and back; absent values are not stored. */
final class AuditItems {

    static final String EVENT_ID = "eventId";
    static final String RESOURCE_TYPE = "resourceType";
    static final String USER_EMAIL = "userEmail";
    static final String DETAILS = "details";
    static final String IP_ADDRESS = "ipAddress";
    static final String USER_AGENT = "userAgent";
    static final String REQUEST_ID = "requestId";
    static final String CLIENT_REQUEST_ID = "clientRequestId";
    static final String OUTCOME = "outcome";
    static final String NEW_STATE = "newState";
    static final String AWS_REQUEST_ID = "awsRequestId";
    static final String ERROR_CODE = "errorCode";
    static final String ERROR_MESSAGE = "errorMessage";
    static final String COMPLETED_AT = "completedAt";
    static final String INFERENCE = "inference";

    private AuditItems() {
    }

    static Map<String, AttributeValue> toItem(AuditRecord record) {
        Map<String, AttributeValue> item = new HashMap<>(32);
        put(item, USER_ID, record.userId());
        put(item, TIMESTAMP, record.timestamp());
        put(item, EVENT_ID, record.eventId());
        put(item, ACTION, record.action().name());
        put(item, RESOURCE_TYPE, record.resourceType().name());
        put(item, RESOURCE_ID, record.resourceId());
        put(item, USER_EMAIL, record.userEmail());
        Map<String, String> details = record.details() == null ? Map.of() : record.details().asMap();
        if (!details.isEmpty()) {
            Map<String, AttributeValue> map = new LinkedHashMap<>();
            details.forEach((k, v) -> map.put(k, AttributeValue.fromS(v)));
            item.put(DETAILS, AttributeValue.fromM(map));
        }
        put(item, IP_ADDRESS, record.ipAddress());
        put(item, USER_AGENT, record.userAgent());
        put(item, REQUEST_ID, record.requestId());
        put(item, CLIENT_REQUEST_ID, record.clientRequestId());
        put(item, OUTCOME, record.outcome().name());
        put(item, NEW_STATE, record.newState());
        put(item, AWS_REQUEST_ID, record.awsRequestId());
        put(item, ERROR_CODE, record.errorCode());
        put(item, ERROR_MESSAGE, record.errorMessage());
        put(item, COMPLETED_AT, record.completedAt() == null ? null : AuditTimestamps.format(record.completedAt()));
        put(item, INFERENCE, record.inference());
        item.put(TTL, AttributeValue.fromN(Long.toString(record.ttl())));
        return item;
    }

    static AuditRecord fromItem(Map<String, AttributeValue> item) {
        String timestamp = s(item, TIMESTAMP);
        Map<String, String> details = new LinkedHashMap<>();
        AttributeValue detailsValue = item.get(DETAILS);
        if (detailsValue != null && detailsValue.hasM()) {
            detailsValue.m().forEach((k, v) -> {
                if (v.s() != null) {
                    details.put(k, v.s());
                }
            });
        }
        String completedAt = s(item, COMPLETED_AT);
        AttributeValue ttl = item.get(TTL);
        AuditActor actor = new AuditActor(s(item, USER_ID), s(item, USER_EMAIL), s(item, IP_ADDRESS), s(item, USER_AGENT));
        AuditIntent intent = new AuditIntent(actor, AuditAction.valueOf(s(item, ACTION)),
                ResourceType.valueOf(s(item, RESOURCE_TYPE)), s(item, RESOURCE_ID), AuditDetails.fromMap(details),
                s(item, REQUEST_ID), s(item, CLIENT_REQUEST_ID));
        AuditOutcome outcome = AuditOutcome.valueOf(s(item, OUTCOME));
        AuditResult result = outcome == AuditOutcome.PENDING ? null : new AuditResult(outcome, s(item, NEW_STATE),
                s(item, AWS_REQUEST_ID), s(item, ERROR_CODE), s(item, ERROR_MESSAGE), s(item, INFERENCE));
        return new AuditRecord(new AuditKey(s(item, USER_ID), timestamp), s(item, EVENT_ID),
                AuditTimestamps.parse(timestamp), intent, result,
                completedAt == null ? null : AuditTimestamps.parse(completedAt),
                ttl == null || ttl.n() == null ? 0L : Long.parseLong(ttl.n()));
    }

    static Map<String, AttributeValue> key(AuditKey key) {
        return Map.of(USER_ID, AttributeValue.fromS(key.userId()), TIMESTAMP, AttributeValue.fromS(key.timestamp()));
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        // DynamoDB refuses empty strings in key attributes (resourceId is an index key)
        if (value != null && !value.isEmpty()) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
