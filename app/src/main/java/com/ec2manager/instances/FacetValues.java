package com.ec2manager.instances;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The facets the inventory counts (account, region, state, type, zone and each configured tag key)
 * and, per facet, every value seen so far with a code of its own. A code is handed out once and
 * never changes, so an instance's codes are worked out when it is read (by the inventory's readers,
 * not by a request) and stay valid in every index built after.
 */
final class FacetValues {

    /** Facets get bits 0..29 of a failure mask; bits 30 and 31 are a tag filter that is no facet, and the text. */
    static final int MAX_FACETS = 30;

    private final List<String> names = new ArrayList<>();
    private final List<Function<Instance, String>> extractors = new ArrayList<>();
    private final List<Map<String, Integer>> codes = new ArrayList<>();
    private final List<List<String>> values = new ArrayList<>();

    FacetValues(List<String> tagFacets) {
        add(InstanceQuery.Facet.ACCOUNT.value(), Instance::accountId);
        add(InstanceQuery.Facet.REGION.value(), Instance::region);
        add(InstanceQuery.Facet.STATE.value(), instance -> instance.state().value());
        add(InstanceQuery.Facet.TYPE.value(), Instance::type);
        add(InstanceQuery.Facet.ZONE.value(), Instance::availabilityZone);
        for (String key : tagFacets) {
            if (names.size() < MAX_FACETS && !names.contains("tag:" + key)) {
                add("tag:" + key, instance -> instance.tags().get(key));
            }
        }
    }

    private void add(String name, Function<Instance, String> extractor) {
        names.add(name);
        extractors.add(extractor);
        codes.add(new ConcurrentHashMap<>());
        values.add(new CopyOnWriteArrayList<>());
    }

    /** {@code account}, {@code region}, {@code state}, {@code type}, {@code zone}, then {@code tag:Key} for each tag facet. */
    List<String> names() {
        return names;
    }

    int count() {
        return names.size();
    }

    /** The position of {@code tag:key} among the facets, or -1 when that tag key is no facet. */
    int tagFacet(String key) {
        return names.indexOf("tag:" + key);
    }

    /** The instance's value of each facet as its code, -1 where it has none. */
    int[] codesOf(Instance instance) {
        int[] of = new int[names.size()];
        for (int facet = 0; facet < of.length; facet++) {
            String value = extractors.get(facet).apply(instance);
            of[facet] = value == null ? -1 : code(facet, value);
        }
        return of;
    }

    /** How many values the facet has had a code for so far (every code in use is below it). */
    int size(int facet) {
        return values.get(facet).size();
    }

    String value(int facet, int code) {
        return values.get(facet).get(code);
    }

    private int code(int facet, String value) {
        Integer known = codes.get(facet).get(value);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            return codes.get(facet).computeIfAbsent(value, v -> {
                values.get(facet).add(v);
                return values.get(facet).size() - 1;
            });
        }
    }
}
