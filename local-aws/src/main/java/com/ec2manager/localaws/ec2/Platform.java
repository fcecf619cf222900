package com.ec2manager.localaws.ec2;

/** The operating system family of an instance, as EC2 reports it. */
public enum Platform {
    LINUX("Linux/UNIX", "RunInstances"),
    WINDOWS("Windows", "RunInstances:0002");

    private final String platformDetails;
    private final String usageOperation;

    Platform(String platformDetails, String usageOperation) {
        this.platformDetails = platformDetails;
        this.usageOperation = usageOperation;
    }

    String platformDetails() {
        return platformDetails;
    }

    String usageOperation() {
        return usageOperation;
    }

    /** EC2's {@code platform} field: {@code windows} for Windows, absent for everything else. */
    String wireValue() {
        return this == WINDOWS ? "windows" : null;
    }
}
