package com.ec2manager.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed's {@code details} map. Every component may be null; null entries are not stored,
 * and the entries of {@code extra} are stored beside the named ones.
 */
public record AuditDetails(String instanceType, String previousState, String region, String reason,
                           Map<String, String> extra) {

    public static final AuditDetails NONE = new AuditDetails(null, null, null, null, Map.of());

    public AuditDetails {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    public static AuditDetails ofInstance(String instanceType, String previousState, String region, String reason) {
        return new AuditDetails(instanceType, previousState, region, reason, Map.of());
    }

    /** An instance action's details, with the instance's account beside the seed's entries. */
    public static AuditDetails ofInstance(String instanceType, String previousState, String region, String reason,
                                          String accountId, String accountName) {
        Map<String, String> account = new LinkedHashMap<>();
        account.put("accountId", accountId);
        account.put("accountName", accountName);
        account.values().removeIf(java.util.Objects::isNull);
        return new AuditDetails(instanceType, previousState, region, reason, account);
    }

    /** The instance's account id ({@code accountId} among the extra entries), or null. */
    public String accountId() {
        return extra.get("accountId");
    }

    /** The same details with every name and value within {@link AuditBounds}. */
    AuditDetails bounded() {
        Map<String, String> boundedExtra = new LinkedHashMap<>();
        extra.forEach((k, v) -> boundedExtra.put(AuditBounds.bound(k, AuditBounds.NAME),
                AuditBounds.bound(v, AuditBounds.ATTRIBUTE)));
        return new AuditDetails(AuditBounds.bound(instanceType, AuditBounds.NAME),
                AuditBounds.bound(previousState, AuditBounds.NAME), AuditBounds.bound(region, AuditBounds.NAME),
                AuditBounds.bound(reason, AuditBounds.ATTRIBUTE), boundedExtra);
    }

    /** The entries as stored: the named ones that are set, then the extra ones. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        extra.forEach((k, v) -> {
            if (k != null && v != null) {
                map.put(k, v);
            }
        });
        putIfSet(map, "instanceType", instanceType);
        putIfSet(map, "previousState", previousState);
        putIfSet(map, "region", region);
        putIfSet(map, "reason", reason);
        return map;
    }

    /** The reverse of {@link #asMap()}. */
    public static AuditDetails fromMap(Map<String, String> map) {
        Map<String, String> extra = new LinkedHashMap<>(map);
        String instanceType = extra.remove("instanceType");
        String previousState = extra.remove("previousState");
        String region = extra.remove("region");
        String reason = extra.remove("reason");
        return new AuditDetails(instanceType, previousState, region, reason, extra);
    }

    private static void putIfSet(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** These details with {@code more} entries beside the extra ones (a key already there is replaced). */
    public AuditDetails with(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(extra);
        merged.putAll(more);
        return new AuditDetails(instanceType, previousState, region, reason, merged);
    }
}
