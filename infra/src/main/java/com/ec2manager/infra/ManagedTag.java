package com.ec2manager.infra;

/**
 * The tag an instance must carry for the service to change its state.
 *
 * @param key   the tag key
 * @param value the required value; {@code null} when any value will do
 */
public record ManagedTag(String key, String value) {

    public ManagedTag {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("managedTag needs a key: 'key' or 'key=value'");
        }
    }

    /** {@code key} (the tag must exist) or {@code key=value} (the tag must have that value). */
    static ManagedTag parse(String text) {
        var equals = text.indexOf('=');
        if (equals < 0) {
            return new ManagedTag(text.strip(), null);
        }
        return new ManagedTag(text.substring(0, equals).strip(), text.substring(equals + 1).strip());
    }

    String conditionKey() {
        return "aws:ResourceTag/" + key;
    }
}
