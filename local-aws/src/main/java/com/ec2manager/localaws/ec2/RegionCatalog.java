package com.ec2manager.localaws.ec2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The AWS regions the emulator can serve, in AWS's usual listing order. */
final class RegionCatalog {

    private static final Map<String, RegionInfo> REGIONS = new LinkedHashMap<>();

    static {
        add("us-east-1", "abcdef", "use1", false, 3, 18, 34, 44, 52, 54);
        add("us-east-2", "abc", "use2", false, 3, 18);
        add("us-west-1", "bc", "usw1", false, 13, 52, 54);
        add("us-west-2", "abcd", "usw2", false, 34, 35, 44, 52, 54);
        add("ca-central-1", "abd", "cac1", false, 3, 15, 35);
        add("sa-east-1", "abc", "sae1", false, 15, 18, 54);
        add("eu-west-1", "abc", "euw1", false, 34, 52, 54);
        add("eu-west-2", "abc", "euw2", false, 3, 18, 35);
        add("eu-west-3", "abc", "euw3", false, 13, 15, 35);
        add("eu-central-1", "abc", "euc1", false, 3, 18, 35, 52);
        add("eu-north-1", "abc", "eun1", false, 13, 16);
        add("ap-south-1", "abc", "aps1", false, 3, 13, 15, 65);
        add("ap-southeast-1", "abc", "apse1", false, 13, 18, 52, 54);
        add("ap-southeast-2", "abc", "apse2", false, 3, 13, 52, 54);
        add("ap-northeast-1", "acd", "apne1", false, 13, 18, 35, 52, 54);
        add("ap-northeast-2", "abcd", "apne2", false, 3, 13, 15, 52);
        add("ap-northeast-3", "abc", "apne3", false, 13, 15);
        add("af-south-1", "abc", "afs1", true, 13);
        add("ap-east-1", "abc", "ape1", true, 16, 18);
        add("ap-south-2", "abc", "aps2", true, 16, 18);
        add("ap-southeast-3", "abc", "apse3", true, 108);
        add("eu-south-1", "abc", "eus1", true, 15, 35);
        add("eu-central-2", "abc", "euc2", true, 16);
        add("me-south-1", "abc", "mes1", true, 15, 157);
        add("me-central-1", "abc", "mec1", true, 3, 51);
        add("il-central-1", "abc", "ilc1", true, 51);
    }

    /** The 16 regions of the large benchmark fleet. */
    static final List<String> SIXTEEN = List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1",
            "sa-east-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1",
            "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ap-northeast-2");

    private RegionCatalog() {
    }

    private static void add(String name, String zones, String zoneIdPrefix, boolean optIn, int... octets) {
        REGIONS.put(name, new RegionInfo(name, zones, zoneIdPrefix, optIn, octets));
    }

    static Optional<RegionInfo> find(String name) {
        return Optional.ofNullable(REGIONS.get(name));
    }

    static RegionInfo require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown AWS region: " + name));
    }

    static List<RegionInfo> all() {
        return List.copyOf(REGIONS.values());
    }
}
