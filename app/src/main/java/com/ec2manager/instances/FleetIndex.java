package com.ec2manager.instances;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The inventory's instances prepared for listings, built once per inventory version and never
 * changed: the instances with their search text and facet codes (worked out when they were read),
 * and per sort order the instances in that order (made on first use). A listing is then one pass in
 * sorted order over small arrays: no sort, no map look-up and no string built per instance; only a
 * search reads each candidate's prepared text.
 */
final class FleetIndex {

    private static final int OTHER_TAG = 1 << 30;
    private static final int TEXT = 1 << 31;

    private final List<Indexed> entries;
    private final FacetValues facets;
    private final int width;
    /** Every instance's facet codes side by side ({@code width} per instance): one pass reads memory in order. */
    private final int[] codes;
    private final String[] texts;
    private final Map<String, String> accountNames = new HashMap<>();
    private final Map<InstanceSort, Order> orders = new ConcurrentHashMap<>();

    /**
     * The instances in one sort order.
     *
     * @param positions the instances' positions in the index, in that order
     * @param ranks     each instance's place in that order, by position in the index
     */
    private record Order(int[] positions, int[] ranks) {
    }

    FleetIndex(List<Indexed> entries, FacetValues facets) {
        this.entries = List.copyOf(entries);
        this.facets = facets;
        this.width = facets.count();
        this.codes = new int[this.entries.size() * width];
        this.texts = new String[this.entries.size()];
        for (int e = 0; e < texts.length; e++) {
            Indexed entry = this.entries.get(e);
            System.arraycopy(entry.codes(), 0, codes, e * width, width);
            texts[e] = entry.text();
            accountNames.putIfAbsent(entry.instance().accountId(), entry.instance().accountName());
        }
    }

    int size() {
        return entries.size();
    }

    Instance instance(int position) {
        return entries.get(position).instance();
    }

    /**
     * The instances a query matches, in its order, with the facet counts: an instance counts for a
     * facet's value when it fails no filter but that facet's own.
     */
    Selection select(InstanceQuery query) {
        int facetCount = facets.count();
        boolean[][] accepted = new boolean[facetCount][];
        accept(accepted, 0, query.accounts().isEmpty() ? null : query.accounts()::contains);
        accept(accepted, 1, query.regions().isEmpty() ? null : query.regions()::contains);
        accept(accepted, 2, query.states().isEmpty() ? null
                : value -> query.states().contains(InstanceState.fromValue(value)));
        accept(accepted, 3, query.types().isEmpty() ? null
                : value -> query.types().contains(value.toLowerCase(Locale.ROOT)));
        accept(accepted, 4, query.zones().isEmpty() ? null : query.zones()::contains);
        List<TagFilter> otherTags = new ArrayList<>();
        for (TagFilter tag : query.tags()) {
            int facet = facets.tagFacet(tag.key());
            if (facet < 0) {
                otherTags.add(tag);
            } else {
                accept(accepted, facet, value -> tag.value() == null || tag.value().equals(value));
            }
        }
        int[] filtered = java.util.stream.IntStream.range(0, facetCount).filter(f -> accepted[f] != null).toArray();
        String text = query.text();

        Order order = orderOf(query.sort());
        // in the index's order (memory read in sequence), each match marked at its rank in the query's order
        java.util.BitSet matched = new java.util.BitSet(texts.length);
        long[][] counts = new long[facetCount][];
        for (int f = 0; f < facetCount; f++) {
            counts[f] = new long[facets.size(f)];
        }
        for (int e = 0; e < texts.length; e++) {
            int base = e * width;
            int failed = 0;
            for (int f : filtered) {
                int code = codes[base + f];
                if (code < 0 || !accepted[f][code]) {
                    failed |= 1 << f;
                }
            }
            if (!atMostOne(failed)) {
                continue; // fails two filters: neither matches nor counts for any facet
            }
            if (!otherTags.isEmpty()) {
                Instance instance = entries.get(e).instance();
                if (!otherTags.stream().allMatch(tag -> tag.matches(instance))) {
                    failed |= OTHER_TAG;
                }
            }
            if (text != null && atMostOne(failed) && !texts[e].contains(text)) {
                failed |= TEXT;
            }
            if (failed == 0) {
                matched.set(order.ranks()[e]);
                for (int f = 0; f < facetCount; f++) {
                    int code = codes[base + f];
                    if (code >= 0) {
                        counts[f][code]++;
                    }
                }
            } else if (atMostOne(failed) && (failed & (OTHER_TAG | TEXT)) == 0) {
                int f = Integer.numberOfTrailingZeros(failed);
                int code = codes[base + f];
                if (code >= 0) {
                    counts[f][code]++;
                }
            }
        }
        int[] matching = new int[matched.cardinality()];
        int next = 0;
        for (int rank = matched.nextSetBit(0); rank >= 0; rank = matched.nextSetBit(rank + 1)) {
            matching[next++] = order.positions()[rank];
        }
        return new Selection(this, matching, facetCounts(counts));
    }

    private void accept(boolean[][] accepted, int facet, Predicate<String> wanted) {
        if (wanted == null) {
            return;
        }
        int size = facets.size(facet);
        boolean[] ok = accepted[facet] == null ? filled(size) : accepted[facet];
        for (int code = 0; code < size; code++) {
            ok[code] = ok[code] && wanted.test(facets.value(facet, code));
        }
        accepted[facet] = ok;
    }

    private static boolean[] filled(int length) {
        boolean[] all = new boolean[length];
        Arrays.fill(all, true);
        return all;
    }

    private static boolean atMostOne(int bits) {
        return (bits & (bits - 1)) == 0;
    }

    private Map<String, List<InstancePage.FacetCount>> facetCounts(long[][] counts) {
        Map<String, List<InstancePage.FacetCount>> counted = new LinkedHashMap<>();
        for (int f = 0; f < facets.count(); f++) {
            Function<String, String> label = f == 0 ? id -> accountNames.getOrDefault(id, id) : Function.identity();
            List<InstancePage.FacetCount> values = new ArrayList<>();
            for (int code = 0; code < counts[f].length; code++) {
                if (counts[f][code] > 0) {
                    String value = facets.value(f, code);
                    values.add(new InstancePage.FacetCount(value, label.apply(value), counts[f][code]));
                }
            }
            values.sort(Comparator.comparing(InstancePage.FacetCount::label).thenComparing(InstancePage.FacetCount::value));
            counted.put(facets.names().get(f), List.copyOf(values));
        }
        return counted;
    }

    /** The orders made for this index so far. */
    java.util.Set<InstanceSort> sortsUsed() {
        return orders.keySet();
    }

    /** Makes the order ready (the inventory does it in the background after a change). */
    void order(InstanceSort sort) {
        orderOf(sort);
    }

    /** Every instance in {@code sort}'s order, computed once per index and order. */
    private Order orderOf(InstanceSort sort) {
        return orders.computeIfAbsent(sort, s -> {
            Comparable<?>[] keys = new Comparable<?>[entries.size()];
            Integer[] boxed = new Integer[entries.size()];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = i;
                keys[i] = s.keyOf(entries.get(i).instance());
            }
            Arrays.sort(boxed, (a, b) -> {
                Instance other = entries.get(b).instance();
                return s.compare(keys[a], entries.get(a).instance(), keys[b], other.id(), other.accountId(), other.region());
            });
            int[] positions = new int[boxed.length];
            int[] ranks = new int[boxed.length];
            for (int rank = 0; rank < boxed.length; rank++) {
                positions[rank] = boxed[rank];
                ranks[boxed[rank]] = rank;
            }
            return new Order(positions, ranks);
        });
    }

    /**
     * What a query selects from an index: the matching instances in the query's order (as positions
     * in the index) and the facet counts.
     */
    record Selection(FleetIndex index, int[] matching, Map<String, List<InstancePage.FacetCount>> facets) {

        int total() {
            return matching.length;
        }

        Instance get(int i) {
            return index.instance(matching[i]);
        }

        /** The instances from {@code from} (inclusive) to {@code to} (exclusive). */
        List<Instance> slice(int from, int to) {
            List<Instance> slice = new ArrayList<>(Math.max(0, to - from));
            for (int i = from; i < to; i++) {
                slice.add(get(i));
            }
            return slice;
        }

        /** The position of the first instance after {@code position} in the query's order. */
        int after(InstanceSort sort, InstanceSort.Position position) {
            int low = 0;
            int high = matching.length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (sort.compare(get(middle), position) <= 0) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }
    }
}
