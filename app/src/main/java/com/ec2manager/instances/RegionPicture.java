package com.ec2manager.instances;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The inventory's last picture of one account-region: its instances as last read, when that
 * was, and the failure of the last attempt if it failed (the instances then stay as they were).
 *
 * @param where     the account-region
 * @param instances the instances by id, each with its search text; empty until the first read
 * @param readAt    when the last complete read finished, or null before the first
 * @param took      how long that read took
 * @param failure   why the last attempt failed, or null when it succeeded
 */
record RegionPicture(AccountRegion where, Map<String, Indexed> instances, Instant readAt, Duration took,
                     Failure failure) {

    /**
     * Why a read failed.
     *
     * @param code    EC2's (or STS's) error code, or the application's
     * @param message for a person
     * @param at      when
     */
    record Failure(String code, String message, Instant at) {
    }

    static RegionPicture loading(AccountRegion where) {
        return new RegionPicture(where, Map.of(), null, null, null);
    }

    RegionPicture {
        instances = Map.copyOf(instances); // no copy when it already is one: an unchanged read keeps the same map
    }

    /**
     * A complete read: every instance replaced. When every instance is as it was, the picture keeps
     * the very same map, so that the inventory can tell that nothing changed.
     */
    RegionPicture read(Collection<Instance> read, Instant at, Duration readTook, FacetValues facets) {
        Map<String, Indexed> fresh = new HashMap<>(read.size() * 2);
        boolean same = read.size() == instances.size();
        for (Instance asRead : read) {
            Indexed before = instances.get(asRead.id());
            Instance instance = before == null ? asRead : asRead.keeping(before.instance());
            if (before != null && before.instance().equals(instance)) {
                fresh.put(instance.id(), before);
            } else {
                fresh.put(instance.id(), Indexed.of(instance, facets));
                same = false;
            }
        }
        return new RegionPicture(where, same && fresh.size() == instances.size() ? instances : fresh, at, readTook, null);
    }

    /**
     * Some instances read again; an id asked for but not found no longer exists. The same map when
     * nothing changed.
     */
    RegionPicture patch(Collection<String> asked, Collection<Instance> found, FacetValues facets) {
        Map<String, Indexed> patched = new HashMap<>(instances);
        asked.forEach(patched::remove);
        boolean same = true;
        for (Instance instance : found) {
            Indexed before = instances.get(instance.id());
            Instance kept = before == null ? instance : instance.keeping(before.instance());
            if (before != null && before.instance().equals(kept)) {
                patched.put(instance.id(), before);
            } else {
                patched.put(instance.id(), Indexed.of(kept, facets));
                same = false;
            }
        }
        same = same && patched.size() == instances.size();
        return new RegionPicture(where, same ? instances : patched, readAt, took, failure);
    }

    /**
     * What a background read learnt about some instances (protection, CPU average), each applied to
     * the instance as it is now; ids no longer in the picture are skipped. The same map when nothing
     * changed.
     */
    RegionPicture learnt(Map<String, java.util.function.UnaryOperator<Instance>> updates, FacetValues facets) {
        Map<String, Indexed> updated = null;
        for (Map.Entry<String, java.util.function.UnaryOperator<Instance>> update : updates.entrySet()) {
            Indexed before = instances.get(update.getKey());
            if (before == null) {
                continue;
            }
            Instance after = update.getValue().apply(before.instance());
            if (!after.equals(before.instance())) {
                if (updated == null) {
                    updated = new HashMap<>(instances);
                }
                updated.put(after.id(), Indexed.of(after, facets));
            }
        }
        return updated == null ? this : new RegionPicture(where, updated, readAt, took, failure);
    }

    RegionPicture failed(Failure why) {
        return new RegionPicture(where, instances, readAt, took, why);
    }

    boolean everRead() {
        return readAt != null;
    }
}
