package com.ec2manager.localaws.cognito;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The pool's attribute schema as the seed fixes it, with the checks Cognito applies on create and
 * update. Cognito cannot mark a custom attribute required ("Required custom attributes are not
 * supported currently."), so {@code custom:role} is reported as not required but enforced on
 * creation, together with its enum, standing in for the application's rule.
 */
final class PoolSchema {

    record Attribute(String name, String dataType, boolean mutable, boolean required, String minLength, String maxLength) {
    }

    static final Set<String> ROLES = Set.of("admin", "readonly");
    static final List<String> GROUPS = List.of("admin", "readonly");

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Map<String, Attribute> ATTRIBUTES = new LinkedHashMap<>();

    static {
        add("sub", "String", false, true, "1", "2048");
        add("name", "String", true, false, "0", "2048");
        add("given_name", "String", true, true, "0", "2048");
        add("family_name", "String", true, true, "0", "2048");
        add("middle_name", "String", true, false, "0", "2048");
        add("nickname", "String", true, false, "0", "2048");
        add("preferred_username", "String", true, false, "0", "2048");
        add("profile", "String", true, false, "0", "2048");
        add("picture", "String", true, false, "0", "2048");
        add("website", "String", true, false, "0", "2048");
        add("email", "String", false, true, "0", "2048");
        add("email_verified", "Boolean", true, false, null, null);
        add("gender", "String", true, false, "0", "2048");
        add("birthdate", "String", true, false, "10", "10");
        add("zoneinfo", "String", true, false, "0", "2048");
        add("locale", "String", true, false, "0", "2048");
        add("phone_number", "String", true, false, "0", "2048");
        add("phone_number_verified", "Boolean", true, false, null, null);
        add("address", "String", true, false, "0", "2048");
        add("updated_at", "Number", true, false, null, null);
        add("custom:role", "String", false, false, "1", "256");
        add("custom:department", "String", true, false, "0", "256");
    }

    private PoolSchema() {
    }

    private static void add(String name, String type, boolean mutable, boolean required, String min, String max) {
        ATTRIBUTES.put(name, new Attribute(name, type, mutable, required, min, max));
    }

    static List<Attribute> attributes() {
        return new ArrayList<>(ATTRIBUTES.values());
    }

    /** The attributes a new user must have: the schema's required ones and the application's role. */
    static List<String> requiredOnCreate() {
        return List.of("email", "given_name", "family_name", "custom:role");
    }

    /** Checks the attributes of AdminCreateUser. */
    static void checkNew(Map<String, String> attributes) {
        List<String> problems = new ArrayList<>();
        for (var entry : attributes.entrySet()) {
            Attribute attribute = ATTRIBUTES.get(entry.getKey());
            if (attribute == null) {
                problems.add(entry.getKey() + ": Attribute does not exist in the schema.");
            } else if (entry.getKey().equals("sub")) {
                problems.add("sub: Attribute cannot be updated.");
            } else {
                problemWithValue(attribute, entry.getValue(), problems);
            }
        }
        for (String name : requiredOnCreate()) {
            String value = attributes.get(name);
            if (value == null || value.isBlank()) {
                problems.add(name + ": The attribute " + name + " is required");
            }
        }
        if (!problems.isEmpty()) {
            throw CognitoException.invalidParameter("Attributes did not conform to the schema: " + String.join("\n", problems));
        }
        checkEmail(attributes.get("email"));
    }

    /** Checks AdminUpdateUserAttributes (and the attributes given with a first-sign-in new password). */
    static void checkUpdate(Map<String, String> updates) {
        for (var entry : updates.entrySet()) {
            Attribute attribute = ATTRIBUTES.get(entry.getKey());
            if (attribute == null) {
                throw CognitoException.invalidParameter("Attributes did not conform to the schema: "
                        + entry.getKey() + ": Attribute does not exist in the schema.");
            }
            if (!attribute.mutable()) {
                throw CognitoException.invalidParameter("user." + entry.getKey() + ": Attribute cannot be updated.");
            }
            if (attribute.required() && (entry.getValue() == null || entry.getValue().isBlank())) {
                throw CognitoException.invalidParameter("user." + entry.getKey() + ": Required attribute cannot be deleted.");
            }
            List<String> problems = new ArrayList<>();
            problemWithValue(attribute, entry.getValue(), problems);
            if (!problems.isEmpty()) {
                throw CognitoException.invalidParameter("Attributes did not conform to the schema: " + problems.get(0));
            }
        }
    }

    private static void problemWithValue(Attribute attribute, String value, List<String> problems) {
        if (value == null) {
            return;
        }
        String name = attribute.name();
        if (attribute.dataType().equals("Boolean") && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            problems.add(name + ": Boolean attribute value must be true or false.");
        }
        if (attribute.maxLength() != null && value.length() > Integer.parseInt(attribute.maxLength())) {
            problems.add(name + ": String attribute value exceeds the maximum length of " + attribute.maxLength() + ".");
        }
        if (name.equals("custom:role") && !ROLES.contains(value)) {
            problems.add(name + ": Value must be one of admin, readonly.");
        }
    }

    private static void checkEmail(String email) {
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw CognitoException.invalidParameter("Invalid email address format.");
        }
    }
}
