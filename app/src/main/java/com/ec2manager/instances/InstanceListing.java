package com.ec2manager.instances;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import com.ec2manager.instances.InstanceList.FailedRegion;
import com.ec2manager.failure.ApplicationException;

/**
 * Listings, look-ups and counts answered from the {@link Inventory} alone: no request of a person
 * ever calls EC2 here. Filters, search, facets, sorting and paging run over the inventory's
 * snapshot in memory.
 */
public class InstanceListing {

    /** The largest page a caller may ask for. */
    public static final int MAX_LIMIT = 1000;
    private static final Base64.Encoder CURSOR_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Inventory inventory;
    private final InventoryProperties properties;

    public InstanceListing(Inventory inventory, InventoryProperties properties) {
        this.inventory = inventory;
        this.properties = properties;
    }

    /** The page after {@code cursor} (null: the first) of at most {@code limit} instances. */
    public InstancePage page(InstanceQuery query, String cursor, int limit) {
        return page(query, cursor == null || cursor.isBlank() ? 0 : offsetOf(cursor, query), limit);
    }

    /** The page starting at {@code offset} of at most {@code limit} instances. */
    public InstancePage page(InstanceQuery query, int offset, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInstanceQueryException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        Inventory.Snapshot snapshot = inventory.snapshot();
        List<String> tagFacets = properties.facetTags();
        Counter counter = new Counter(tagFacets);
        List<Instance> matching = new ArrayList<>();
        for (Indexed entry : snapshot.entries()) {
            int failing = query.failing(entry, tagFacets);
            if (failing == 0) {
                matching.add(entry.instance());
            }
            counter.count(entry.instance(), failing);
        }
        matching.sort(query.sort().comparator());
        int from = Math.min(offset, matching.size());
        int to = Math.min(matching.size(), from + limit);
        String next = to < matching.size() ? cursorOf(to, query) : null;
        List<Freshness> freshness = inventory.freshness();
        return new InstancePage(matching.subList(from, to), matching.size(), from, limit, next, counter.facets(),
                freshness, inventory.progress(), failedRegions(freshness));
    }

    /** Every matching instance, sorted, with the account-regions that answered and those that did not. */
    public InstanceList list(InstanceQuery query, Ec2Caller caller) {
        Inventory.Snapshot snapshot = inventory.snapshot();
        List<Instance> matching = new ArrayList<>();
        for (Indexed entry : snapshot.entries()) {
            if (query.matches(entry)) {
                matching.add(entry.instance());
            }
        }
        matching.sort(query.sort().comparator());
        List<Freshness> freshness = inventory.freshness();
        return new InstanceList(matching, freshness.stream().filter(f -> f.region() != null && f.readAt() != null)
                .map(f -> f.accountId() + "/" + f.region()).toList(), failedRegions(freshness));
    }

    /**
     * Finds one instance in the inventory.
     *
     * @throws InvalidInstanceIdException  the id is malformed (400)
     * @throws InstanceNotFoundException   no account-region has it (404)
     * @throws RegionUnavailableException no picture has it but some account-region is loading or failed (503)
     */
    public Instance find(String id, Ec2Caller caller) {
        return find(null, null, id);
    }

    /** As {@link #find(String, Ec2Caller)}, also requiring the account and region when given. */
    public Instance find(String accountId, String region, String id) {
        InstanceIds.require(id);
        Indexed entry = inventory.byId().get(id);
        if (entry != null && (accountId == null || accountId.isBlank() || accountId.equals(entry.instance().accountId()))
                && (region == null || region.isBlank() || region.equals(entry.instance().region()))) {
            return entry.instance();
        }
        throw notFound(id, inventory.incomplete());
    }

    /** Instances located by id, with the account-regions that may hold the ones not found. */
    public Located locate(Collection<String> ids, Ec2Caller caller) {
        Map<String, Indexed> byId = inventory.byId();
        Map<String, Instance> found = new LinkedHashMap<>();
        for (String id : ids) {
            Indexed entry = byId.get(id);
            if (entry != null) {
                found.put(id, entry.instance());
            }
        }
        return new Located(found, failedRegions(inventory.incomplete()));
    }

    /**
     * @param found    the instances found, by id
     * @param failures the account-regions whose pictures are missing; an id not found may live there
     */
    public record Located(Map<String, Instance> found, List<FailedRegion> failures) {

        public Located {
            found = Map.copyOf(found);
            failures = List.copyOf(failures);
        }

        /** Why an id was not found, as the exception to answer with. */
        public ApplicationException missing(String id) {
            return failures.isEmpty()
                    ? new InstanceNotFoundException("The instance " + id + " does not exist in any account or region")
                    : new RegionUnavailableException("The instance " + id + " was not found, but these account-regions "
                            + "are not listed yet or failed: " + failures.stream().map(FailedRegion::region).toList());
        }
    }

    /** An action of ours changed the instance: the inventory shows the new state and reads it again. */
    public void changed(Instance instance, InstanceState newState) {
        inventory.acted(where(instance), instance.id(), newState);
    }

    /** The account-region of {@code accountId} and {@code region}, if the inventory reads it. */
    public java.util.Optional<AccountRegion> where(String accountId, String region) {
        return inventory.where(accountId, region);
    }

    /** The account-region an instance of the inventory lives in. */
    public AccountRegion where(Instance instance) {
        return inventory.where(instance.accountId(), instance.region()).orElseThrow(() ->
                new RegionUnavailableException("The account-region " + instance.accountId() + "/" + instance.region()
                        + " is no longer in the inventory"));
    }

    private static ApplicationException notFound(String id, List<Freshness> incomplete) {
        return new Located(Map.of(), failedRegions(incomplete)).missing(id);
    }

    private static List<FailedRegion> failedRegions(List<Freshness> freshness) {
        return freshness.stream().filter(f -> f.status() == Freshness.Status.FAILED || f.status() == Freshness.Status.LOADING
                        || f.errorCode() != null)
                .map(f -> new FailedRegion(f.accountId() + "/" + (f.region() == null ? "*" : f.region()),
                        f.errorCode() == null ? "Loading" : f.errorCode(),
                        f.error() == null ? "not listed yet" : f.error()))
                .toList();
    }

    private static String cursorOf(int offset, InstanceQuery query) {
        return CURSOR_ENCODER.encodeToString((offset + ":" + Integer.toHexString(query.fingerprint().hashCode()))
                .getBytes(StandardCharsets.UTF_8));
    }

    private static int offsetOf(String cursor, InstanceQuery query) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            if (parts.length == 2 && parts[1].equals(Integer.toHexString(query.fingerprint().hashCode()))) {
                int offset = Integer.parseInt(parts[0]);
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // garbage: refused below
        }
        throw new InvalidInstanceQueryException("The cursor is not valid for this query; start again without it");
    }

    /** Facet counts: an instance counts for a facet's value when it fails no filter but that facet's own. */
    private static final class Counter {
        private final List<String> tagFacets;
        private final Map<String, Map<String, long[]>> counts = new LinkedHashMap<>();
        private final Map<String, String> accountNames = new HashMap<>();

        Counter(List<String> tagFacets) {
            this.tagFacets = tagFacets;
            for (InstanceQuery.Facet facet : InstanceQuery.Facet.values()) {
                counts.put(facet.value(), new TreeMap<>());
            }
            tagFacets.forEach(key -> counts.put("tag:" + key, new TreeMap<>()));
        }

        void count(Instance instance, int failing) {
            accountNames.putIfAbsent(instance.accountId(), instance.accountName());
            add(failing, InstanceQuery.Facet.ACCOUNT.ordinal(), InstanceQuery.Facet.ACCOUNT.value(), instance.accountId());
            add(failing, InstanceQuery.Facet.REGION.ordinal(), InstanceQuery.Facet.REGION.value(), instance.region());
            add(failing, InstanceQuery.Facet.STATE.ordinal(), InstanceQuery.Facet.STATE.value(), instance.state().value());
            add(failing, InstanceQuery.Facet.TYPE.ordinal(), InstanceQuery.Facet.TYPE.value(), instance.type());
            add(failing, InstanceQuery.Facet.ZONE.ordinal(), InstanceQuery.Facet.ZONE.value(), instance.availabilityZone());
            for (int i = 0; i < tagFacets.size() && i < 22; i++) {
                add(failing, 8 + i, "tag:" + tagFacets.get(i), instance.tags().get(tagFacets.get(i)));
            }
        }

        private void add(int failing, int bit, String facet, String value) {
            if (value == null || (failing & ~(1 << bit)) != 0) {
                return;
            }
            counts.get(facet).computeIfAbsent(value, v -> new long[1])[0]++;
        }

        Map<String, List<InstancePage.FacetCount>> facets() {
            Map<String, List<InstancePage.FacetCount>> facets = new LinkedHashMap<>();
            counts.forEach((facet, values) -> {
                Function<String, String> label = facet.equals(InstanceQuery.Facet.ACCOUNT.value())
                        ? id -> accountNames.getOrDefault(id, id) : Function.identity();
                facets.put(facet, values.entrySet().stream()
                        .map(e -> new InstancePage.FacetCount(e.getKey(), label.apply(e.getKey()), e.getValue()[0]))
                        .sorted(Comparator.comparing(InstancePage.FacetCount::label)).toList());
            });
            return facets;
        }
    }
}
