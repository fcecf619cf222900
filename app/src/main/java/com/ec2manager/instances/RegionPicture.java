package com.ec2manager.instances;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
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
        instances = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(instances));
    }

    /** A complete read: every instance replaced. */
    RegionPicture read(Collection<Instance> read, Instant at, Duration readTook) {
        Map<String, Indexed> fresh = new LinkedHashMap<>();
        read.forEach(instance -> fresh.put(instance.id(), Indexed.of(instance)));
        return new RegionPicture(where, fresh, at, readTook, null);
    }

    /** Some instances read again; an id asked for but not found no longer exists. */
    RegionPicture patch(Collection<String> asked, Collection<Instance> found) {
        Map<String, Indexed> patched = new LinkedHashMap<>(instances);
        asked.forEach(patched::remove);
        for (Instance instance : found) {
            Indexed before = instances.get(instance.id());
            Instance kept = before == null || instance.statusChecks() != null ? instance
                    : instance.withStatusChecks(before.instance().statusChecks());
            patched.put(instance.id(), Indexed.of(kept));
        }
        return new RegionPicture(where, patched, readAt, took, failure);
    }

    RegionPicture failed(Failure why) {
        return new RegionPicture(where, instances, readAt, took, why);
    }

    boolean everRead() {
        return readAt != null;
    }
}
