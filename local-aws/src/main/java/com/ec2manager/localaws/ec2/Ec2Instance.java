package com.ec2manager.localaws.ec2;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One emulated instance: what EC2 knows about it, immutable; a change makes a new value.
 * Field names follow EC2's; the persisted state file holds these values as JSON.
 * {@code hibernationConfigured} is EC2's {@code HibernationOptions.Configured}, fixed at launch
 * (a state file written before it existed reads as {@code false}).
 */
record Ec2Instance(
        String instanceId,
        String reservationId,
        int amiLaunchIndex,
        String region,
        String availabilityZone,
        String imageId,
        String instanceType,
        Platform platform,
        String architecture,
        String keyName,
        String vpcId,
        String subnetId,
        String securityGroupId,
        String securityGroupName,
        String privateIpAddress,
        String publicIpAddress,
        String rootVolumeId,
        Instant launchTime,
        Instant volumeAttachTime,
        boolean disableApiTermination,
        boolean disableApiStop,
        boolean hibernationConfigured,
        Map<String, String> tags,
        Lifecycle lifecycle) {

    Ec2Instance {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags == null ? Map.of() : tags));
    }

    /** The key that orders instances within a region: reservations stay together, in launch order. */
    String orderKey() {
        return reservationId + '/' + (char) ('A' + amiLaunchIndex) + '/' + instanceId;
    }

    InstanceState state() {
        return lifecycle.state();
    }

    /** This instance as it is at {@code now}, with a due transition completed. */
    Ec2Instance at(Instant now) {
        Lifecycle settled = lifecycle.at(now);
        return settled == lifecycle ? this : withLifecycle(settled);
    }

    Ec2Instance withLifecycle(Lifecycle next) {
        return new Ec2Instance(instanceId, reservationId, amiLaunchIndex, region, availabilityZone, imageId,
                instanceType, platform, architecture, keyName, vpcId, subnetId, securityGroupId, securityGroupName,
                privateIpAddress, publicIpAddress, rootVolumeId, launchTime, volumeAttachTime, disableApiTermination,
                disableApiStop, hibernationConfigured, tags, next);
    }

    Ec2Instance withLaunchTime(Instant time) {
        return new Ec2Instance(instanceId, reservationId, amiLaunchIndex, region, availabilityZone, imageId,
                instanceType, platform, architecture, keyName, vpcId, subnetId, securityGroupId, securityGroupName,
                privateIpAddress, publicIpAddress, rootVolumeId, time, volumeAttachTime, disableApiTermination,
                disableApiStop, hibernationConfigured, tags, lifecycle);
    }

    Ec2Instance withPublicIp(String ip) {
        return new Ec2Instance(instanceId, reservationId, amiLaunchIndex, region, availabilityZone, imageId,
                instanceType, platform, architecture, keyName, vpcId, subnetId, securityGroupId, securityGroupName,
                privateIpAddress, ip, rootVolumeId, launchTime, volumeAttachTime, disableApiTermination,
                disableApiStop, hibernationConfigured, tags, lifecycle);
    }

    Ec2Instance withTags(Map<String, String> newTags) {
        return new Ec2Instance(instanceId, reservationId, amiLaunchIndex, region, availabilityZone, imageId,
                instanceType, platform, architecture, keyName, vpcId, subnetId, securityGroupId, securityGroupName,
                privateIpAddress, publicIpAddress, rootVolumeId, launchTime, volumeAttachTime, disableApiTermination,
                disableApiStop, hibernationConfigured, newTags, lifecycle);
    }

    Ec2Instance withProtection(boolean termination, boolean stop) {
        return new Ec2Instance(instanceId, reservationId, amiLaunchIndex, region, availabilityZone, imageId,
                instanceType, platform, architecture, keyName, vpcId, subnetId, securityGroupId, securityGroupName,
                privateIpAddress, publicIpAddress, rootVolumeId, launchTime, volumeAttachTime, termination,
                stop, hibernationConfigured, tags, lifecycle);
    }

    /** The public address, which EC2 shows only while the instance is running. */
    String visiblePublicIp() {
        return lifecycle.state() == InstanceState.RUNNING ? publicIpAddress : null;
    }

    String privateDnsName() {
        return RegionCatalog.require(region).privateDnsName(privateIpAddress);
    }

    /** The public DNS name, empty (as EC2 gives it) when there is no visible public address. */
    String publicDnsName() {
        String ip = visiblePublicIp();
        return ip == null ? "" : RegionCatalog.require(region).publicDnsName(ip);
    }

    String rootDeviceName() {
        return platform == Platform.WINDOWS ? "/dev/sda1" : "/dev/xvda";
    }
}
