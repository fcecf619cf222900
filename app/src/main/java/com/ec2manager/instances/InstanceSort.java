package com.ec2manager.instances;

import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;

/**
 * A listing's order: {@code name}, {@code id}, {@code state}, {@code type}, {@code region}, {@code account}, {@code zone} or
 * {@code launchTime}, ascending, or descending with a leading {@code -} (e.g. {@code -launchTime}).
 * Missing values sort last either way; ties are broken by id so that pages are stable.
 */
public record InstanceSort(Key key, boolean descending) {

    public static final InstanceSort DEFAULT = new InstanceSort(Key.NAME, false);

    public enum Key {
        NAME("name", instance -> lower(instance.name())),
        ID("id", Instance::id),
        STATE("state", instance -> instance.state().value()),
        TYPE("type", Instance::type),
        REGION("region", Instance::region),
        ACCOUNT("account", instance -> lower(instance.accountName())),
        ZONE("zone", Instance::availabilityZone),
        LAUNCH_TIME("launchTime", Instance::launchTime);

        private final String value;
        private final Function<Instance, Comparable<?>> extractor;

        Key(String value, Function<Instance, Comparable<?>> extractor) {
            this.value = value;
            this.extractor = extractor;
        }

        public String value() {
            return value;
        }
    }

    /** Parses {@code name}, {@code -launchTime}, …; blank means {@link #DEFAULT}. */
    public static InstanceSort parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String trimmed = text.trim();
        boolean descending = trimmed.startsWith("-");
        String name = descending || trimmed.startsWith("+") ? trimmed.substring(1) : trimmed;
        for (Key key : Key.values()) {
            if (key.value.equalsIgnoreCase(name)) {
                return new InstanceSort(key, descending);
            }
        }
        throw new InvalidInstanceQueryException("Unknown sort order '" + InstanceIds.printable(text)
                + "': use name, id, state, type, region, account, zone or launchTime, with a leading - for descending");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public Comparator<Instance> comparator() {
        Comparator<Comparable> values = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        Comparator<Instance> byKey = Comparator.comparing(instance -> (Comparable) key.extractor.apply(instance),
                Comparator.nullsLast(values));
        return byKey.thenComparing(Instance::id);
    }

    @Override
    public String toString() {
        return (descending ? "-" : "") + key.value;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
