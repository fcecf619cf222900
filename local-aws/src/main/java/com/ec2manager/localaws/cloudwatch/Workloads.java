package com.ec2manager.localaws.cloudwatch;

import java.util.Optional;

/** Where the stand-in learns what an instance does: in local mode, the EC2 emulator's fleet. */
@FunctionalInterface
public interface Workloads {

    /** The workload of an instance of this region; empty when no such instance exists. */
    Optional<Workload> of(String region, String instanceId);
}
