package com.ec2manager.localaws.ec2;

import java.util.List;
import java.util.stream.IntStream;

/**
 * What the emulator knows of one AWS region: its zones, whether it is opt-in, and the address
 * blocks its public IPs come from, so that names and addresses look like those of the region.
 *
 * @param name             e.g. {@code eu-west-1}
 * @param zoneSuffixes     the letters of its availability zones, e.g. {@code abc}
 * @param zoneIdPrefix     e.g. {@code euw1} for zone ids {@code euw1-az1}…
 * @param optIn            whether the region must be opted into (not enabled by default)
 * @param publicFirstOctets first octets of the public IPv4 blocks seen in the region
 */
record RegionInfo(String name, String zoneSuffixes, String zoneIdPrefix, boolean optIn, int[] publicFirstOctets) {

    List<String> zoneNames() {
        return zoneSuffixes.chars().mapToObj(c -> name + (char) c).toList();
    }

    String zoneId(String zoneName) {
        return zoneIdPrefix + "-az" + (zoneSuffixes.indexOf(zoneName.charAt(zoneName.length() - 1)) + 1);
    }

    List<String> zoneIds() {
        return IntStream.range(0, zoneSuffixes.length()).mapToObj(i -> zoneIdPrefix + "-az" + (i + 1)).toList();
    }

    String endpointHost() {
        return "ec2." + name + ".amazonaws.com";
    }

    String optInStatus(boolean enabled) {
        if (!optIn) {
            return "opt-in-not-required";
        }
        return enabled ? "opted-in" : "not-opted-in";
    }

    /** {@code ip-10-0-1-5.ec2.internal} in us-east-1, {@code ip-10-0-1-5.<region>.compute.internal} elsewhere. */
    String privateDnsName(String privateIp) {
        String host = "ip-" + privateIp.replace('.', '-');
        return "us-east-1".equals(name) ? host + ".ec2.internal" : host + "." + name + ".compute.internal";
    }

    /** {@code ec2-54-1-2-3.compute-1.amazonaws.com} in us-east-1, {@code ec2-….<region>.compute.amazonaws.com} elsewhere. */
    String publicDnsName(String publicIp) {
        String host = "ec2-" + publicIp.replace('.', '-');
        return "us-east-1".equals(name) ? host + ".compute-1.amazonaws.com" : host + "." + name + ".compute.amazonaws.com";
    }
}
