package com.ec2manager.instances;

import java.util.List;

/**
 * The answer of a listing.
 *
 * @param instances     the matching instances, sorted
 * @param regions       the regions that answered
 * @param failedRegions the regions that did not, with the reason; their instances are missing
 */
public record InstanceList(List<Instance> instances, List<String> regions, List<FailedRegion> failedRegions) {

    public InstanceList {
        instances = List.copyOf(instances);
        regions = List.copyOf(regions);
        failedRegions = List.copyOf(failedRegions);
    }

    /**
     * A region whose instances could not be listed.
     *
     * @param region the region
     * @param code   a machine-readable reason, e.g. EC2's error code or {@code Timeout}
     * @param reason what went wrong, for a person
     */
    record FailedRegion(String region, String code, String reason) {
    }
}
