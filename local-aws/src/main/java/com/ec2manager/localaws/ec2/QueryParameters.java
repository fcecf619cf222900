package com.ec2manager.localaws.ec2;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ec2manager.localaws.wire.FormEncoding;

/**
 * The parameters of one EC2 Query API request (query string and form body together), with the
 * Query protocol's list conventions: {@code InstanceId.1}, {@code Filter.1.Name},
 * {@code Filter.1.Value.1}, {@code Tag.1.Key}.
 */
final class QueryParameters {

    private static final Pattern FILTER_KEY = Pattern.compile("Filter\\.(\\d+)\\.(Name|Value\\.(\\d+))");
    private static final Pattern TAG_KEY = Pattern.compile("Tag\\.(\\d+)\\.(Key|Value)");

    private final Map<String, String> values;

    QueryParameters(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Parses {@code application/x-www-form-urlencoded} text; a later duplicate wins. */
    static QueryParameters parse(String... encodedParts) {
        try {
            return new QueryParameters(FormEncoding.decode(encodedParts));
        } catch (IllegalArgumentException e) {
            throw Ec2Exception.client("MalformedQueryString", "The query string contains a syntax error.");
        }
    }

    String get(String name) {
        return values.get(name);
    }

    Map<String, String> asMap() {
        return values;
    }

    boolean flag(String name) {
        String value = values.get(name);
        if (value == null) {
            return false;
        }
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw Ec2Exception.invalidParameterValue("Invalid value '" + value + "' for " + name + ". Expecting a boolean.");
    }

    /** The members of a list parameter ({@code name.1}, {@code name.2}, …) in index order. */
    List<String> list(String name) {
        String prefix = name + ".";
        TreeMap<Integer, String> members = new TreeMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(prefix)) {
                Integer index = index(key.substring(prefix.length()));
                if (index != null) {
                    members.put(index, entry.getValue());
                }
            }
        }
        return List.copyOf(members.values());
    }

    /** The {@code Filter.N} parameters in index order; a filter without values keeps an empty list. */
    List<FilterSpec> filters() {
        TreeMap<Integer, String> names = new TreeMap<>();
        TreeMap<Integer, TreeMap<Integer, String>> filterValues = new TreeMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            Matcher m = FILTER_KEY.matcher(entry.getKey());
            if (!m.matches()) {
                continue;
            }
            int index = Integer.parseInt(m.group(1));
            if (m.group(3) == null) {
                names.put(index, entry.getValue());
            } else {
                filterValues.computeIfAbsent(index, i -> new TreeMap<>()).put(Integer.parseInt(m.group(3)), entry.getValue());
            }
        }
        for (Integer index : filterValues.keySet()) {
            if (!names.containsKey(index)) {
                throw Ec2Exception.missingParameter("Filter." + index + ".Name");
            }
        }
        List<FilterSpec> filters = new ArrayList<>();
        names.forEach((index, filterName) -> filters.add(new FilterSpec(filterName,
                List.copyOf(filterValues.getOrDefault(index, new TreeMap<>()).values()))));
        return filters;
    }

    /** The {@code Tag.N.Key}/{@code Tag.N.Value} pairs; a value is null when it was not sent. */
    List<TagSpec> tags() {
        TreeMap<Integer, String> keys = new TreeMap<>();
        TreeMap<Integer, String> tagValues = new TreeMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            Matcher m = TAG_KEY.matcher(entry.getKey());
            if (m.matches()) {
                ("Key".equals(m.group(2)) ? keys : tagValues).put(Integer.parseInt(m.group(1)), entry.getValue());
            }
        }
        List<TagSpec> tags = new ArrayList<>();
        for (Integer index : tagValues.keySet()) {
            if (!keys.containsKey(index)) {
                throw Ec2Exception.missingParameter("Tag." + index + ".Key");
            }
        }
        keys.forEach((index, key) -> tags.add(new TagSpec(key, tagValues.get(index))));
        return tags;
    }

    private static Integer index(String text) {
        if (text.isEmpty() || text.length() > 9) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return null;
            }
        }
        return Integer.parseInt(text);
    }

    /** One {@code Filter.N}: its name and values. */
    record FilterSpec(String name, List<String> values) {
    }

    /** One {@code Tag.N}: its key and value (null when not given). */
    record TagSpec(String key, String value) {
    }
}
