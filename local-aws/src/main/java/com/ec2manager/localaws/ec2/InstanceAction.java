package com.ec2manager.localaws.ec2;

/** The state-changing actions EC2 offers on instances. */
enum InstanceAction {
    START("StartInstances", "started"),
    STOP("StopInstances", "stopped"),
    REBOOT("RebootInstances", "rebooted"),
    TERMINATE("TerminateInstances", "terminated");

    private final String operation;
    private final String pastParticiple;

    InstanceAction(String operation, String pastParticiple) {
        this.operation = operation;
        this.pastParticiple = pastParticiple;
    }

    String operation() {
        return operation;
    }

    String pastParticiple() {
        return pastParticiple;
    }
}
