package com.ec2manager.localaws.ec2;

import java.util.List;

/**
 * The fleet the emulator seeds when it has no saved state.
 *
 * @param regions       the regions served, in order; DescribeRegions lists exactly these
 * @param instanceCount how many instances to seed, spread evenly over the regions
 * @param seed          the random seed; the same seed, regions, count and clock give the same fleet
 */
public record FleetSpec(List<String> regions, int instanceCount, long seed) {

    public static final long DEFAULT_SEED = 20250101L;
    /** The second account of local mode. */
    public static final String STANDARD_MEMBER_ACCOUNT = "210987654321";
    /** The two further accounts of the large benchmark fleet. */
    public static final java.util.List<String> LARGE_MEMBER_ACCOUNTS = java.util.List.of("210987654321", "345678901234");

    public FleetSpec {
        regions = List.copyOf(regions);
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("the emulator needs at least one region");
        }
        if (instanceCount < 0) {
            throw new IllegalArgumentException("the instance count cannot be negative");
        }
        regions.forEach(RegionCatalog::require);
        if (regions.stream().distinct().count() != regions.size()) {
            throw new IllegalArgumentException("a region is listed twice: " + regions);
        }
    }

    /** 40 instances over us-east-1, eu-west-1 and ap-southeast-2: local mode and tests. */
    public static FleetSpec standard() {
        return new FleetSpec(List.of("us-east-1", "eu-west-1", "ap-southeast-2"), 40, DEFAULT_SEED);
    }

    /** The second account of local mode: 12 instances over us-east-1 and eu-west-1. */
    public static FleetSpec standardMember() {
        return new FleetSpec(List.of("us-east-1", "eu-west-1"), 12, DEFAULT_SEED + 1);
    }

    /** 10,000 instances over 16 regions: benchmarks. */
    public static FleetSpec large() {
        return new FleetSpec(RegionCatalog.SIXTEEN, 10_000, DEFAULT_SEED);
    }

    public FleetSpec withInstanceCount(int count) {
        return new FleetSpec(regions, count, seed);
    }

    public FleetSpec withSeed(long newSeed) {
        return new FleetSpec(regions, instanceCount, newSeed);
    }

    public FleetSpec withRegions(List<String> newRegions) {
        return new FleetSpec(newRegions, instanceCount, seed);
    }
}
