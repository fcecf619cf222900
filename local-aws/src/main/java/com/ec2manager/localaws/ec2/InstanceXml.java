package com.ec2manager.localaws.ec2;

import java.util.List;
import java.util.Map;

/** Writes instances as DescribeInstances gives them: reservations holding their instances. */
final class InstanceXml {

    private InstanceXml() {
    }

    static void writeReservations(XmlWriter xml, List<Ec2Instance> instances, String ownerId) {
        xml.start("reservationSet");
        String reservation = null;
        for (Ec2Instance instance : instances) {
            if (!instance.reservationId().equals(reservation)) {
                if (reservation != null) {
                    xml.end().end();
                }
                reservation = instance.reservationId();
                xml.start("item").element("reservationId", reservation).element("ownerId", ownerId)
                        .empty("groupSet").start("instancesSet");
            }
            writeInstance(xml, instance, ownerId);
        }
        if (reservation != null) {
            xml.end().end();
        }
        xml.end();
    }

    static void writeState(XmlWriter xml, String element, InstanceState state) {
        xml.start(element).element("code", state.code()).element("name", state.wireName()).end();
    }

    private static void writeInstance(XmlWriter xml, Ec2Instance i, String ownerId) {
        Lifecycle lifecycle = i.lifecycle();
        boolean arm = "arm64".equals(i.architecture());
        int vcpus = FleetSeeder.vcpus(i.instanceType());
        xml.start("item")
                .element("instanceId", i.instanceId())
                .element("imageId", i.imageId());
        writeState(xml, "instanceState", i.state());
        xml.element("privateDnsName", i.privateDnsName())
                .element("dnsName", i.publicDnsName())
                .element("reason", lifecycle.reason())
                .element("keyName", i.keyName())
                .element("amiLaunchIndex", i.amiLaunchIndex())
                .empty("productCodes")
                .element("instanceType", i.instanceType())
                .element("launchTime", i.launchTime())
                .start("placement").element("availabilityZone", i.availabilityZone())
                .element("availabilityZoneId", RegionCatalog.require(i.region()).zoneId(i.availabilityZone()))
                .empty("groupName").element("tenancy", "default").end()
                .element("platform", i.platform().wireValue())
                .start("monitoring").element("state", "disabled").end()
                .element("subnetId", i.subnetId())
                .element("vpcId", i.vpcId())
                .element("privateIpAddress", i.privateIpAddress())
                .element("ipAddress", i.visiblePublicIp())
                .element("sourceDestCheck", true)
                .start("groupSet").start("item").element("groupId", i.securityGroupId())
                .element("groupName", i.securityGroupName()).end().end();
        if (lifecycle.stateReasonCode() != null) {
            xml.start("stateReason").element("code", lifecycle.stateReasonCode())
                    .element("message", lifecycle.stateReasonMessage()).end();
        }
        String profile = instanceProfile(i);
        if (profile != null) {
            xml.start("iamInstanceProfile").element("arn", "arn:aws:iam::" + ownerId + ":instance-profile/" + profile)
                    .element("id", "AIPA" + hex(profile + ownerId, 17).toUpperCase(java.util.Locale.ROOT)).end();
        }
        writeNetworkInterface(xml, i, ownerId);
        xml.element("architecture", i.architecture())
                .element("rootDeviceType", "ebs")
                .element("rootDeviceName", i.rootDeviceName())
                .start("blockDeviceMapping").start("item").element("deviceName", i.rootDeviceName())
                .start("ebs").element("volumeId", i.rootVolumeId()).element("status", "attached")
                .element("attachTime", i.volumeAttachTime()).element("deleteOnTermination", true).end()
                .end().end()
                .element("virtualizationType", "hvm")
                .empty("clientToken");
        if (!i.tags().isEmpty()) {
            xml.start("tagSet");
            for (Map.Entry<String, String> tag : i.tags().entrySet()) {
                xml.start("item").element("key", tag.getKey()).element("value", tag.getValue()).end();
            }
            xml.end();
        }
        xml.element("hypervisor", "xen")
                .element("ebsOptimized", !i.instanceType().startsWith("t"))
                .element("enaSupport", true)
                .start("cpuOptions").element("coreCount", arm ? vcpus : vcpus / 2)
                .element("threadsPerCore", arm ? 1 : 2).end()
                .start("capacityReservationSpecification").element("capacityReservationPreference", "open").end()
                .start("hibernationOptions").element("configured", i.hibernationConfigured()).end()
                .start("metadataOptions").element("state", "applied").element("httpTokens", "required")
                .element("httpPutResponseHopLimit", 2).element("httpEndpoint", "enabled")
                .element("httpProtocolIpv6", "disabled").element("instanceMetadataTags", "disabled").end()
                .start("enclaveOptions").element("enabled", false).end()
                .element("platformDetails", i.platform().platformDetails())
                .element("usageOperation", i.platform().usageOperation())
                .element("usageOperationUpdateTime", i.launchTime())
                .start("privateDnsNameOptions").element("hostnameType", "ip-name")
                .element("enableResourceNameDnsARecord", false).element("enableResourceNameDnsAAAARecord", false).end()
                .start("maintenanceOptions").element("autoRecovery", "default").end()
                .element("currentInstanceBootMode", arm ? "uefi" : "legacy-bios")
                .end();
    }

    /**
     * The instance's primary network interface, as EC2 describes it inside the instance (a
     * terminated instance has none): ids derived from the instance id, so that they stay the same
     * from one answer to the next.
     */
    private static void writeNetworkInterface(XmlWriter xml, Ec2Instance i, String ownerId) {
        if (i.state() == InstanceState.TERMINATED) {
            xml.empty("networkInterfaceSet");
            return;
        }
        String suffix = i.instanceId().substring(2);
        String mac = "0e:" + hex(i.instanceId(), 10).replaceAll("(..)(?!$)", "$1:");
        xml.start("networkInterfaceSet").start("item")
                .element("networkInterfaceId", "eni-" + suffix)
                .element("subnetId", i.subnetId())
                .element("vpcId", i.vpcId())
                .element("description", "")
                .element("ownerId", ownerId)
                .element("status", "in-use")
                .element("macAddress", mac)
                .element("privateIpAddress", i.privateIpAddress())
                .element("privateDnsName", i.privateDnsName())
                .element("sourceDestCheck", true)
                .start("groupSet").start("item").element("groupId", i.securityGroupId())
                .element("groupName", i.securityGroupName()).end().end()
                .start("attachment").element("attachmentId", "eni-attach-" + suffix).element("deviceIndex", 0)
                .element("status", "attached").element("attachTime", i.launchTime())
                .element("deleteOnTermination", true).element("networkCardIndex", 0).end();
        String publicIp = i.visiblePublicIp();
        if (publicIp != null) {
            xml.start("association").element("publicIp", publicIp).element("publicDnsName", i.publicDnsName())
                    .element("ipOwnerId", "amazon").end();
        }
        xml.start("privateIpAddressesSet").start("item").element("privateIpAddress", i.privateIpAddress())
                .element("privateDnsName", i.privateDnsName()).element("primary", true);
        if (publicIp != null) {
            xml.start("association").element("publicIp", publicIp).element("publicDnsName", i.publicDnsName())
                    .element("ipOwnerId", "amazon").end();
        }
        xml.end().end()
                .empty("ipv6AddressesSet")
                .element("interfaceType", "interface")
                .end().end();
    }

    /** Production and staging instances run with an instance profile named after their environment; others with none. */
    private static String instanceProfile(Ec2Instance i) {
        String environment = i.tags().get("Environment");
        return "production".equals(environment) || "staging".equals(environment) ? environment + "-app-instance-profile" : null;
    }

    /** {@code length} hex digits derived from {@code seed}: stable ids for what the emulator does not store. */
    private static String hex(String seed, int length) {
        StringBuilder hex = new StringBuilder();
        long value = seed.hashCode();
        while (hex.length() < length) {
            value = value * 6364136223846793005L + 1442695040888963407L;
            hex.append(String.format("%016x", value));
        }
        return hex.substring(0, length);
    }
}
