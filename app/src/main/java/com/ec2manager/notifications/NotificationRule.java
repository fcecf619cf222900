package com.ec2manager.notifications;

import java.util.List;
import java.util.Map;

/** Which records a target wants; an empty list matches everything. */
record NotificationRule(List<String> actions, List<String> outcomes, List<String> accounts, List<String> regions,
                        List<String> tags) {

    boolean matches(Map<String, Object> record) {
        Map<?, ?> details = record.get("details") instanceof Map<?, ?> map ? map : Map.of();
        return within(actions, record.get("action")) && within(outcomes, record.get("outcome"))
                && within(accounts, details.get("account")) && within(regions, details.get("region"))
                && tagged(details.get("tags"));
    }

    private static boolean within(List<String> allowed, Object value) {
        return allowed.isEmpty() || (value != null && allowed.stream().anyMatch(a -> a.equalsIgnoreCase(value.toString())));
    }

    private boolean tagged(Object tags) {
        if (this.tags.isEmpty()) {
            return true;
        }
        if (!(tags instanceof Map<?, ?> present)) {
            return false;
        }
        for (String wanted : this.tags) {
            int equals = wanted.indexOf('=');
            String key = equals < 0 ? wanted : wanted.substring(0, equals);
            if (present.containsKey(key) && (equals < 0 || wanted.substring(equals + 1).equals(String.valueOf(present.get(key))))) {
                return true;
            }
        }
        return false;
    }
}
