package com.ec2manager.instances;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.instances.InstanceList.FailedRegion;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Listings, look-ups and counts answered from the {@link Inventory} alone: no request of a person
 * ever calls EC2 here. Filters, search, facets, sorting and paging run over the inventory's
 * snapshot in memory.
 */
public class InstanceListing {

    /** The largest page a caller may ask for. */
    static final int MAX_LIMIT = 1000;
    /** Selections kept, weighed by their matching instances: a few MB at most. */
    private static final long SELECTIONS_WEIGHT = 2_000_000;

    private final Inventory inventory;
    private final Cache<SelectionKey, FleetIndex.Selection> selections = Caffeine.newBuilder()
            .maximumWeight(SELECTIONS_WEIGHT)
            .weigher((SelectionKey key, FleetIndex.Selection selection) -> 64 + selection.total())
            .build();

    InstanceListing(Inventory inventory) {
        this.inventory = inventory;
    }

    /**
     * The page after {@code cursor} (null: the first) of at most {@code limit} instances.
     *
     * @throws InvalidInstanceQueryException (400) for a limit out of range or a cursor that is none of this query's
     */
    public InstancePage page(InstanceQuery query, String cursor, int limit) {
        requireLimit(limit);
        FleetIndex.Selection selection = select(query);
        int from = cursor == null || cursor.isBlank() ? 0
                : selection.after(query.sort(), ListingCursor.read(cursor, query));
        return page(query, selection, from, limit);
    }

    /** The page starting at {@code offset} of at most {@code limit} instances (the HTML table's numbered pages). */
    public InstancePage page(InstanceQuery query, int offset, int limit) {
        requireLimit(limit);
        return page(query, select(query), Math.max(0, offset), limit);
    }

    private InstancePage page(InstanceQuery query, FleetIndex.Selection selection, int offset, int limit) {
        int from = Math.min(offset, selection.total());
        int to = Math.min(selection.total(), from + limit);
        List<Instance> instances = selection.slice(from, to);
        String next = to < selection.total() ? ListingCursor.after(instances.get(instances.size() - 1), query) : null;
        List<Freshness> freshness = inventory.freshness();
        return new InstancePage(instances, selection.total(), from, limit, next, selection.facets(),
                freshness, inventory.progress(), failedRegions(freshness));
    }

    /**
     * The inventory's change count: what is worked out from a listing stays true while it stays the
     * same (any instance added, removed or changed moves it).
     */
    public long version() {
        return inventory.snapshot().version();
    }

    /** Every matching instance, sorted, with the account-regions that answered and those that did not. */
    public InstanceList list(InstanceQuery query, Ec2Caller caller) {
        FleetIndex.Selection selection = select(query);
        List<Freshness> freshness = inventory.freshness();
        return new InstanceList(selection.slice(0, selection.total()), freshness.stream()
                .filter(f -> f.region() != null && f.readAt() != null).map(f -> f.accountId() + "/" + f.region()).toList(),
                failedRegions(freshness));
    }

    /**
     * What the query selects from the inventory as it is now: computed once per inventory version
     * and query (the same filter asked again, by anyone, is answered from memory until an instance
     * changes).
     */
    private FleetIndex.Selection select(InstanceQuery query) {
        Inventory.Snapshot snapshot = inventory.snapshot();
        return selections.get(new SelectionKey(snapshot.version(), query.fingerprint()),
                key -> snapshot.index().select(query));
    }

    /** A memoised selection: the inventory version it was computed at and the query. */
    private record SelectionKey(long version, String query) {
    }

    private static void requireLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInstanceQueryException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
    }

    /** How fresh each account-region's picture is (and every account that could not be listed at all). */
    public List<Freshness> freshness() {
        return inventory.freshness();
    }

    /** The inventory's first pass: account-regions read of those known. */
    public Inventory.Progress progress() {
        return inventory.progress();
    }

    /**
     * Finds one instance in the inventory.
     *
     * @throws InvalidInstanceIdException  the id is malformed (400)
     * @throws InstanceNotFoundException   no account-region has it (404)
     * @throws RegionUnavailableException no picture has it but some account-region is loading or failed (503)
     */
    Instance find(String id, Ec2Caller caller) {
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
        ApplicationException missing(String id) {
            return failures.isEmpty()
                    ? new InstanceNotFoundException("The instance " + id + " does not exist in any account or region")
                    : new RegionUnavailableException("The instance " + id + " was not found, but these account-regions "
                            + "are not listed yet or failed: " + failures.stream().map(FailedRegion::region).toList());
        }
    }

    /** Every account-region the inventory has read, with its instances as last read. */
    public Map<AccountRegion, List<Instance>> pictures() {
        return inventory.readPictures();
    }

    /**
     * Average CPU utilisation read for instances of an account-region: each asked id gets its
     * average, or none when CloudWatch had no datapoint for it; the listings sort by it.
     */
    public void cpuAverages(AccountRegion where, Collection<String> asked, Map<String, Double> averages) {
        Map<String, java.util.function.UnaryOperator<Instance>> updates = new java.util.HashMap<>();
        for (String id : asked) {
            Double average = averages.get(id);
            updates.put(id, instance -> instance.withCpuAverage(average));
        }
        inventory.learnt(where, updates);
    }

    /** An action of ours changed the instance: the inventory shows the new state and reads it again. */
    public void changed(Instance instance, InstanceState newState) {
        inventory.acted(where(instance), instance.id(), newState);
    }

    /** The account-region of {@code accountId} and {@code region}, if the inventory reads it. */
    java.util.Optional<AccountRegion> where(String accountId, String region) {
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
}
