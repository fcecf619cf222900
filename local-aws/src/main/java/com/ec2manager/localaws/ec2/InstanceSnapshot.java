package com.ec2manager.localaws.ec2;

import java.util.Map;

/**
 * What a test may want to know of an emulated instance without going through the API, e.g. to
 * pick a running, unprotected instance to act on.
 *
 * @param instanceId            the id
 * @param region                its region
 * @param name                  its {@code Name} tag, or an empty string
 * @param state                 its state now
 * @param instanceType          e.g. {@code t3.micro}
 * @param windows               whether it runs Windows
 * @param tags                  its tags
 * @param disableApiTermination termination protection
 * @param disableApiStop        stop protection
 * @param autoScalingGroup      its Auto Scaling group, or null when it is in none
 * @param hibernationConfigured whether it was launched configured for hibernation (a stop may hibernate it)
 */
public record InstanceSnapshot(String instanceId, String region, String name, InstanceState state, String instanceType,
                               boolean windows, Map<String, String> tags, boolean disableApiTermination,
                               boolean disableApiStop, String autoScalingGroup, boolean hibernationConfigured) {

    static InstanceSnapshot of(Ec2Instance i) {
        return new InstanceSnapshot(i.instanceId(), i.region(), i.tags().getOrDefault("Name", ""), i.state(),
                i.instanceType(), i.platform() == Platform.WINDOWS, i.tags(), i.disableApiTermination(),
                i.disableApiStop(), i.tags().get(FleetSeeder.ASG_TAG), i.hibernationConfigured());
    }
}
