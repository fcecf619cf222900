package com.ec2manager.instances;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the application shows about one instance: what the inventory holds (DescribeInstances
 * and DescribeInstanceStatus) plus its stop and termination protection. Flat, so that the JSON body
 * reads naturally; see {@link Instance} for the fields.
 */
record InstanceDetail(String id, String name, InstanceState state, String type, String availabilityZone,
                             String region, String privateIp, String publicIp, String privateDns, String publicDns,
                             Instant launchTime, String platform, String imageId, Map<String, String> tags,
                             String autoScalingGroup, boolean stopProtection, boolean terminationProtection,
                             String accountId, String accountName, String vpcId, String subnetId, String keyName,
                             String iamInstanceProfile, List<Instance.SecurityGroup> securityGroups,
                             String rootDeviceName, String rootDeviceType, List<Instance.Volume> volumes,
                             List<Instance.NetworkInterface> networkInterfaces, Instance.StatusChecks statusChecks) {

    InstanceDetail {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        networkInterfaces = networkInterfaces == null ? List.of() : List.copyOf(networkInterfaces);
    }

    /** The tags a person reads first (their own, by key), then AWS's ({@code aws:…}, by key) apart. */
    public List<Map.Entry<String, String>> ownTags() {
        return tags.entrySet().stream().filter(tag -> !tag.getKey().startsWith("aws:"))
                .sorted(Map.Entry.comparingByKey(String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /** The tags AWS services set ({@code aws:…}), by key; they cannot be changed or removed. */
    public List<Map.Entry<String, String>> awsTags() {
        return tags.entrySet().stream().filter(tag -> tag.getKey().startsWith("aws:"))
                .sorted(Map.Entry.comparingByKey()).toList();
    }

    static InstanceDetail of(Instance instance, Protection protection) {
        return new InstanceDetail(instance.id(), instance.name(), instance.state(), instance.type(),
                instance.availabilityZone(), instance.region(), instance.privateIp(), instance.publicIp(),
                instance.privateDns(), instance.publicDns(), instance.launchTime(), instance.platform(),
                instance.imageId(), instance.tags(), instance.autoScalingGroup(),
                protection.stop(), protection.termination(), instance.accountId(), instance.accountName(),
                instance.vpcId(), instance.subnetId(), instance.keyName(), instance.iamInstanceProfile(),
                instance.securityGroups(), instance.rootDeviceName(), instance.rootDeviceType(), instance.volumes(),
                instance.networkInterfaces(), instance.statusChecks());
    }
}
