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
            writeInstance(xml, instance);
        }
        if (reservation != null) {
            xml.end().end();
        }
        xml.end();
    }

    static void writeState(XmlWriter xml, String element, InstanceState state) {
        xml.start(element).element("code", state.code()).element("name", state.wireName()).end();
    }

    private static void writeInstance(XmlWriter xml, Ec2Instance i) {
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
                .start("hibernationOptions").element("configured", false).end()
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
}
