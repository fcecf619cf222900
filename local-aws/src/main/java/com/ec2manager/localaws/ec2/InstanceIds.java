package com.ec2manager.localaws.ec2;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Instance id syntax and the errors EC2 gives for ids it cannot use. */
final class InstanceIds {

    private static final Pattern ID = Pattern.compile("i-(?:[0-9a-f]{8}|[0-9a-f]{17})");

    private InstanceIds() {
    }

    static boolean wellFormed(String id) {
        return ID.matcher(id).matches();
    }

    /** The ids without repeats, in request order; refuses the first malformed one. */
    static List<String> parse(List<String> raw) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String id : raw) {
            if (!wellFormed(id)) {
                throw malformed(id);
            }
            ids.add(id);
        }
        return new ArrayList<>(ids);
    }

    static Ec2Exception malformed(String id) {
        return Ec2Exception.client("InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\"");
    }

    static Ec2Exception notFound(List<String> missing) {
        if (missing.size() == 1) {
            return Ec2Exception.client("InvalidInstanceID.NotFound", "The instance ID '" + missing.get(0) + "' does not exist");
        }
        return Ec2Exception.client("InvalidInstanceID.NotFound",
                "The instance IDs '" + String.join(", ", missing) + "' do not exist");
    }
}
