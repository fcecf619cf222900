package com.ec2manager.instances;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An EC2 instance as the application shows it; built by {@link Ec2Gateway} from EC2's answer.
 *
 * @param id                 the instance id, e.g. {@code i-0abc...}
 * @param name               the {@code Name} tag, or {@code null}
 * @param state              the state EC2 reported
 * @param type               the instance type, e.g. {@code t3.micro}
 * @param availabilityZone   the availability zone, e.g. {@code eu-west-1a}
 * @param region             the region the instance lives in
 * @param privateIp          the primary private IPv4 address, or {@code null}
 * @param publicIp           the public IPv4 address, or {@code null}
 * @param privateDns         the private DNS name, or {@code null}
 * @param publicDns          the public DNS name, or {@code null}
 * @param launchTime         when the instance was last launched
 * @param platform           the platform details, e.g. {@code Linux/UNIX} or {@code Windows}
 * @param imageId            the AMI the instance was launched from
 * @param tags               every tag, key to value
 * @param autoScalingGroup   the Auto Scaling group the instance belongs to (tag
 *                           {@code aws:autoscaling:groupName}), or {@code null}
 * @param accountId          the AWS account the instance lives in
 * @param accountName        that account's name, as configured
 * @param vpcId              the VPC, or {@code null}
 * @param subnetId           the subnet, or {@code null}
 * @param keyName            the key pair's name, or {@code null}
 * @param iamInstanceProfile the IAM instance profile's ARN, or {@code null}
 * @param securityGroups     the security groups
 * @param rootDeviceName     e.g. {@code /dev/xvda}
 * @param rootDeviceType     {@code ebs} or {@code instance-store}
 * @param volumes            the attached EBS volumes, by device
 * @param networkInterfaces  the attached network interfaces, by device index
 * @param statusChecks       the status checks (DescribeInstanceStatus), or {@code null} until read
 * @param protection         stop and termination protection (DescribeInstanceAttribute, read in the background
 *                           by {@link ProtectionReader}), or {@code null} until read
 * @param cpuAverage         average CPU utilisation in percent over the monitoring window (CloudWatch, read in
 *                           the background for running instances), or {@code null} without data
 */
public record Instance(String id, String name, InstanceState state, String type, String availabilityZone,
                       String region, String privateIp, String publicIp, String privateDns, String publicDns,
                       Instant launchTime, String platform, String imageId, Map<String, String> tags,
                       String autoScalingGroup, String accountId, String accountName, String vpcId, String subnetId,
                       String keyName, String iamInstanceProfile, List<SecurityGroup> securityGroups,
                       String rootDeviceName, String rootDeviceType, List<Volume> volumes,
                       List<NetworkInterface> networkInterfaces, StatusChecks statusChecks, Protection protection, Double cpuAverage) {

    /** The tag that EC2 Auto Scaling puts on every member of a group. */
    static final String AUTO_SCALING_GROUP_TAG = "aws:autoscaling:groupName";

    public Instance {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        networkInterfaces = networkInterfaces == null ? List.of() : List.copyOf(networkInterfaces);
    }

    public boolean inAutoScalingGroup() {
        return autoScalingGroup != null;
    }

    /** Whether EC2 is moving the instance between states (pending, stopping, shutting-down). */
    boolean inTransition() {
        return state == InstanceState.PENDING || state == InstanceState.STOPPING || state == InstanceState.SHUTTING_DOWN;
    }

    /** This instance with the given status checks. */
    Instance withStatusChecks(StatusChecks checks) {
        return new Instance(id, name, state, type, availabilityZone, region, privateIp, publicIp, privateDns, publicDns,
                launchTime, platform, imageId, tags, autoScalingGroup, accountId, accountName, vpcId, subnetId,
                keyName, iamInstanceProfile, securityGroups, rootDeviceName, rootDeviceType, volumes, networkInterfaces, checks,
                protection, cpuAverage);
    }

    /** This instance in another state (an action of ours was accepted). */
    Instance withState(InstanceState newState) {
        return new Instance(id, name, newState, type, availabilityZone, region, privateIp, publicIp, privateDns,
                publicDns, launchTime, platform, imageId, tags, autoScalingGroup, accountId, accountName, vpcId,
                subnetId, keyName, iamInstanceProfile, securityGroups, rootDeviceName, rootDeviceType, volumes, networkInterfaces,
                statusChecks, protection, cpuAverage);
    }

    /** This instance with its protection as read by DescribeInstanceAttribute. */
    Instance withProtection(Protection read) {
        return new Instance(id, name, state, type, availabilityZone, region, privateIp, publicIp, privateDns, publicDns,
                launchTime, platform, imageId, tags, autoScalingGroup, accountId, accountName, vpcId, subnetId,
                keyName, iamInstanceProfile, securityGroups, rootDeviceName, rootDeviceType, volumes, networkInterfaces, statusChecks,
                read, cpuAverage);
    }

    /** This instance with its average CPU utilisation over the monitoring window (null: no data). */
    Instance withCpuAverage(Double average) {
        return new Instance(id, name, state, type, availabilityZone, region, privateIp, publicIp, privateDns, publicDns,
                launchTime, platform, imageId, tags, autoScalingGroup, accountId, accountName, vpcId, subnetId,
                keyName, iamInstanceProfile, securityGroups, rootDeviceName, rootDeviceType, volumes, networkInterfaces, statusChecks,
                protection, average);
    }

    /**
     * This instance as just read from DescribeInstances, keeping what slower background reads learnt
     * of its earlier picture (status checks when not read with it, protection, CPU average): a read
     * that finds the instance unchanged then leaves it equal to what it was.
     */
    Instance keeping(Instance earlier) {
        if (earlier == null) {
            return this;
        }
        return new Instance(id, name, state, type, availabilityZone, region, privateIp, publicIp, privateDns, publicDns,
                launchTime, platform, imageId, tags, autoScalingGroup, accountId, accountName, vpcId, subnetId,
                keyName, iamInstanceProfile, securityGroups, rootDeviceName, rootDeviceType, volumes, networkInterfaces,
                statusChecks != null ? statusChecks : earlier.statusChecks(),
                protection != null ? protection : earlier.protection(),
                cpuAverage != null ? cpuAverage : earlier.cpuAverage());
    }

    /** Both status checks pass ({@code ok}): the console's "2/2 checks passed". */
    public int statusChecksPassed() {
        if (statusChecks == null) {
            return 0;
        }
        return ("ok".equals(statusChecks.system()) ? 1 : 0) + ("ok".equals(statusChecks.instance()) ? 1 : 0);
    }

    /**
     * A network interface attached to the instance.
     *
     * @param id          e.g. {@code eni-0abc…}
     * @param deviceIndex 0 for the primary interface
     * @param subnetId    its subnet
     * @param privateIp   its primary private IPv4 address
     * @param publicIp    the public IPv4 address associated with it, or {@code null}
     * @param macAddress  its MAC address
     * @param status      e.g. {@code in-use}
     */
    record NetworkInterface(String id, int deviceIndex, String subnetId, String privateIp, String publicIp,
                                   String macAddress, String status) {
    }

    /** A security group: id and name. */
    record SecurityGroup(String id, String name) {
    }

    /**
     * An attached EBS volume.
     *
     * @param device              e.g. {@code /dev/xvda}
     * @param volumeId            e.g. {@code vol-0abc…}
     * @param status              {@code attaching}, {@code attached}, {@code detaching} or {@code detached}
     * @param deleteOnTermination whether EC2 deletes it with the instance
     */
    record Volume(String device, String volumeId, String status, boolean deleteOnTermination) {
    }

    /**
     * EC2's two status checks, e.g. {@code ok}, {@code impaired}, {@code initializing},
     * {@code insufficient-data} or {@code not-applicable} (not running).
     */
    record StatusChecks(String system, String instance) {
    }
}
