package com.ec2manager.localaws.cognito;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ListUsers' {@code Filter}: {@code attribute = "value"} (exact) or {@code attribute ^= "value"}
 * (starts with), on the attributes Cognito lets you search. Matching ignores case, as Cognito's does.
 */
final class UserFilter {

    static final Set<String> SEARCHABLE = Set.of("username", "email", "phone_number", "name", "given_name",
            "family_name", "preferred_username", "cognito:user_status", "status", "sub");

    /** Cognito's limit on the Filter parameter. */
    static final int MAX_LENGTH = 256;
    // possessive quantifiers: no backtracking, so no recursion as deep as the value is long
    private static final Pattern SYNTAX = Pattern.compile("^\\s*+([A-Za-z_:]++)\\s*+(=|\\^=)\\s*+\"((?:[^\"\\\\]++|\\\\.)*+)\"\\s*+$");

    private UserFilter() {
    }

    /** An absent or blank filter matches everyone. */
    static Predicate<PoolUser> parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return user -> true;
        }
        if (filter.length() > MAX_LENGTH) {
            throw CognitoException.invalidParameter("1 validation error detected: Value at 'filter' failed to satisfy "
                    + "constraint: Member must have length less than or equal to " + MAX_LENGTH);
        }
        Matcher m = SYNTAX.matcher(filter);
        if (!m.matches()) {
            throw CognitoException.invalidParameter("Error while parsing filter.");
        }
        String attribute = m.group(1);
        boolean prefix = m.group(2).equals("^=");
        String wanted = m.group(3).replaceAll("\\\\(.)", "$1").toLowerCase(Locale.ROOT);
        if (!SEARCHABLE.contains(attribute)) {
            throw CognitoException.invalidParameter("Invalid search attribute: " + attribute);
        }
        return user -> {
            String value = valueOf(user, attribute);
            if (value == null) {
                return false;
            }
            String actual = value.toLowerCase(Locale.ROOT);
            return prefix ? actual.startsWith(wanted) : actual.equals(wanted);
        };
    }

    private static String valueOf(PoolUser user, String attribute) {
        return switch (attribute) {
            case "username" -> user.username;
            case "sub" -> user.sub;
            case "cognito:user_status" -> user.status;
            case "status" -> user.enabled ? "Enabled" : "Disabled";
            default -> user.attributes.get(attribute);
        };
    }
}
