package com.ec2manager.instances;

import java.time.Instant;
import java.util.Map;

/**
 * Everything the application shows about one instance: what DescribeInstances says plus its
 * stop and termination protection. Flat, so that the JSON body reads naturally.
 */
public record InstanceDetail(String id, String name, InstanceState state, String type, String availabilityZone,
                             String region, String privateIp, String publicIp, String privateDns, String publicDns,
                             Instant launchTime, String platform, String imageId, Map<String, String> tags,
                             String autoScalingGroup, boolean stopProtection, boolean terminationProtection) {

    public InstanceDetail {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    static InstanceDetail of(Instance instance, Protection protection) {
        return new InstanceDetail(instance.id(), instance.name(), instance.state(), instance.type(),
                instance.availabilityZone(), instance.region(), instance.privateIp(), instance.publicIp(),
                instance.privateDns(), instance.publicDns(), instance.launchTime(), instance.platform(),
                instance.imageId(), instance.tags(), instance.autoScalingGroup(),
                protection.stop(), protection.termination());
    }
}
