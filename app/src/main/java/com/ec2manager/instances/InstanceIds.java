package com.ec2manager.instances;

import java.util.regex.Pattern;

/** What a well-formed EC2 instance id looks like: {@code i-} and 8 or 17 lowercase hex digits. */
final class InstanceIds {

    private static final Pattern WELL_FORMED = Pattern.compile("i-(?:[0-9a-f]{8}|[0-9a-f]{17})");
    private static final int PRINTABLE_LENGTH = 64;

    private InstanceIds() {
    }

    static boolean isWellFormed(String id) {
        return id != null && WELL_FORMED.matcher(id).matches();
    }

    /** Throws {@link InvalidInstanceIdException} (400) unless the id is well-formed. */
    static String require(String id) {
        if (!isWellFormed(id)) {
            throw new InvalidInstanceIdException("Invalid id: \"" + printable(id) + "\" is not an instance id");
        }
        return id;
    }

    /** The text cut short and stripped of control characters, fit for a message or an audit field. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= PRINTABLE_LENGTH ? clean : clean.substring(0, PRINTABLE_LENGTH) + "…";
    }
}
