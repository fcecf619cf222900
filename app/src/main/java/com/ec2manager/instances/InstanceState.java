package com.ec2manager.instances;

import java.util.Locale;

/** EC2's instance states, with the names and codes EC2 uses on the wire. */
public enum InstanceState {
    PENDING("pending", 0),
    RUNNING("running", 16),
    SHUTTING_DOWN("shutting-down", 32),
    TERMINATED("terminated", 48),
    STOPPING("stopping", 64),
    STOPPED("stopped", 80),
    /** A state this application does not know yet; shown, never acted upon. */
    UNKNOWN("unknown", -1);

    private final String value;
    private final int code;

    InstanceState(String value, int code) {
        this.value = value;
        this.code = code;
    }

    /** The name as EC2 writes it, e.g. {@code shutting-down}. */
    public String value() {
        return value;
    }

    int code() {
        return code;
    }

    static InstanceState fromValue(String value) {
        if (value != null) {
            String wanted = value.trim().toLowerCase(Locale.ROOT);
            for (InstanceState state : values()) {
                if (state.value.equals(wanted)) {
                    return state;
                }
            }
        }
        return UNKNOWN;
    }

    @Override
    public String toString() {
        return value;
    }
}
