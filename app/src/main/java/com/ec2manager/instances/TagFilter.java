package com.ec2manager.instances;

/**
 * A tag condition: {@code Key=Value} (the tag is present with exactly that value) or
 * {@code Key} (the tag is present). Keys and values compare case-sensitively, as in EC2.
 *
 * @param key   the tag key
 * @param value the wanted value, or {@code null} for any value
 */
record TagFilter(String key, String value) {

    static TagFilter parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInstanceQueryException("A tag filter needs a key: use tag=Key or tag=Key=Value");
        }
        int equals = text.indexOf('=');
        String key = (equals < 0 ? text : text.substring(0, equals)).trim();
        if (key.isEmpty()) {
            throw new InvalidInstanceQueryException("A tag filter needs a key: use tag=Key or tag=Key=Value");
        }
        return new TagFilter(key, equals < 0 ? null : text.substring(equals + 1));
    }

    boolean matches(Instance instance) {
        String actual = instance.tags().get(key);
        return actual != null && (value == null || value.equals(actual));
    }

    @Override
    public String toString() {
        return value == null ? key : key + "=" + value;
    }
}
