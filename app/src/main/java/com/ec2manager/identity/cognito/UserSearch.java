package com.ec2manager.identity.cognito;

/**
 * A prefix search over one attribute (Cognito's ListUsers filters on one attribute at a time).
 *
 * @param field  which attribute
 * @param prefix the start of its value; empty lists everybody
 */
public record UserSearch(Field field, String prefix) {

    public enum Field {
        EMAIL("email"), GIVEN_NAME("given_name"), FAMILY_NAME("family_name");

        private final String attribute;

        Field(String attribute) {
            this.attribute = attribute;
        }

        public String attribute() {
            return attribute;
        }
    }

    public UserSearch {
        field = field == null ? Field.EMAIL : field;
        prefix = prefix == null ? "" : prefix.strip();
    }

    /** Cognito's filter expression, or {@code null} for no filter; quotes and backslashes are escaped. */
    public String filter() {
        if (prefix.isEmpty()) {
            return null;
        }
        String escaped = prefix.replace("\\", "\\\\").replace("\"", "\\\"");
        return field.attribute() + " ^= \"" + escaped + "\"";
    }
}
