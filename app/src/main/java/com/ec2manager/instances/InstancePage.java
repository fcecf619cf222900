package com.ec2manager.instances;

import java.util.List;
import java.util.Map;

/**
 * One page of a listing, answered from the inventory.
 *
 * @param instances     the page's instances, in the query's order
 * @param total         how many instances match in all
 * @param offset        the position of the first one among them (0-based)
 * @param limit         the page size asked for
 * @param nextCursor    the cursor of the next page, or null on the last
 * @param facets        per facet ({@code account}, {@code region}, {@code state}, {@code type},
 *                      {@code zone}, {@code tag:Key}) its values with the number of instances that
 *                      would match if that facet's filter were set to the value (the other filters kept)
 * @param freshness     how fresh each account-region is
 * @param loading       the inventory's first pass: account-regions done and known
 * @param failedRegions the account-regions whose instances may be missing or out of date, with the reason
 */
public record InstancePage(List<Instance> instances, int total, int offset, int limit, String nextCursor,
                           Map<String, List<FacetCount>> facets, List<Freshness> freshness, Inventory.Progress loading,
                           List<InstanceList.FailedRegion> failedRegions) {

    public InstancePage {
        instances = List.copyOf(instances);
        facets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facets));
        freshness = List.copyOf(freshness);
        failedRegions = List.copyOf(failedRegions);
    }

    /**
     * @param value the value to filter by, e.g. {@code 210987654321} or {@code running}
     * @param label what a person reads, e.g. the account's name
     * @param count the instances it would match
     */
    record FacetCount(String value, String label, long count) {
    }
}
