package com.ec2manager.instances;

import java.time.Instant;
import java.util.Map;

/**
 * An EC2 instance as the application shows it; built by {@link Ec2Gateway} from EC2's answer.
 *
 * @param id               the instance id, e.g. {@code i-0abc...}
 * @param name             the {@code Name} tag, or {@code null}
 * @param state            the state EC2 reported
 * @param type             the instance type, e.g. {@code t3.micro}
 * @param availabilityZone the availability zone, e.g. {@code eu-west-1a}
 * @param region           the region the instance lives in
 * @param privateIp        the primary private IPv4 address, or {@code null}
 * @param publicIp         the public IPv4 address, or {@code null}
 * @param privateDns       the private DNS name, or {@code null}
 * @param publicDns        the public DNS name, or {@code null}
 * @param launchTime       when the instance was last launched
 * @param platform         the platform details, e.g. {@code Linux/UNIX} or {@code Windows}
 * @param imageId          the AMI the instance was launched from
 * @param tags             every tag, key to value
 * @param autoScalingGroup the Auto Scaling group the instance belongs to (tag
 *                         {@code aws:autoscaling:groupName}), or {@code null}
 */
public record Instance(String id, String name, InstanceState state, String type, String availabilityZone,
                       String region, String privateIp, String publicIp, String privateDns, String publicDns,
                       Instant launchTime, String platform, String imageId, Map<String, String> tags,
                       String autoScalingGroup) {

    /** The tag that EC2 Auto Scaling puts on every member of a group. */
    public static final String AUTO_SCALING_GROUP_TAG = "aws:autoscaling:groupName";

    public Instance {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public boolean inAutoScalingGroup() {
        return autoScalingGroup != null;
    }
}
