package com.ec2manager.localaws.ec2;

/** The EC2 instance states with their wire codes (the low byte of EC2's state code). */
public enum InstanceState {
    PENDING(0, "pending"),
    RUNNING(16, "running"),
    SHUTTING_DOWN(32, "shutting-down"),
    TERMINATED(48, "terminated"),
    STOPPING(64, "stopping"),
    STOPPED(80, "stopped");

    private final int code;
    private final String wireName;

    InstanceState(int code, String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    public int code() {
        return code;
    }

    /** The name as EC2 writes it, e.g. {@code shutting-down}. */
    public String wireName() {
        return wireName;
    }
}
