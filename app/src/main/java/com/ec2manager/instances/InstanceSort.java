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

    static final InstanceSort DEFAULT = new InstanceSort(Key.NAME, false);

    enum Key {
        NAME("name", instance -> lower(instance.name())),
        ID("id", Instance::id),
        STATE("state", instance -> instance.state().value()),
        TYPE("type", Instance::type),
        REGION("region", Instance::region),
        ACCOUNT("account", instance -> lower(instance.accountName())),
        ZONE("zone", Instance::availabilityZone),
        LAUNCH_TIME("launchTime", Instance::launchTime),
        /** Average CPU utilisation over the monitoring window: the idle ones first, ascending. */
        CPU("cpu", Instance::cpuAverage);

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
    static InstanceSort parse(String text) {
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
                + "': use name, id, state, type, region, account, zone, launchTime or cpu, with a leading - for descending");
    }

    /** The order: by the key (missing values last), then by id, account and region, so that no two instances tie. */
    public Comparator<Instance> comparator() {
        return (a, b) -> compare(keyOf(a), a, keyOf(b), b.id(), b.accountId(), b.region());
    }

    /**
     * Where an instance stands in this order, as a listing's cursor remembers it.
     *
     * @param value     the instance's sort value ({@link String} or {@link java.time.Instant}), or null
     * @param id        its id
     * @param accountId its account
     * @param region    its region
     */
    record Position(Comparable<?> value, String id, String accountId, String region) {
    }

    /** The position of {@code instance} in this order. */
    Position position(Instance instance) {
        return new Position(keyOf(instance), instance.id(), instance.accountId(), instance.region());
    }

    /** The instance's sort value, e.g. its lower-case name. */
    Comparable<?> keyOf(Instance instance) {
        return key.extractor.apply(instance);
    }

    /** Negative, zero or positive as {@code instance} comes before, at or after {@code position}. */
    int compare(Instance instance, Position position) {
        return compare(keyOf(instance), instance, position.value(), position.id(), position.accountId(), position.region());
    }

    /** As {@link #compare(Instance, Position)} with the instances' sort values worked out beforehand. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    int compare(Comparable mine, Instance instance, Comparable theirs, String id, String accountId, String region) {
        int byKey;
        if (mine == null || theirs == null) {
            byKey = mine == null ? (theirs == null ? 0 : 1) : -1;
        } else {
            byKey = descending ? theirs.compareTo(mine) : mine.compareTo(theirs);
        }
        if (byKey != 0) {
            return byKey;
        }
        int byId = instance.id().compareTo(id);
        if (byId != 0) {
            return byId;
        }
        int byAccount = nullable(instance.accountId()).compareTo(nullable(accountId));
        return byAccount != 0 ? byAccount : nullable(instance.region()).compareTo(nullable(region));
    }

    /** A sort value as text, for a cursor; {@link #decode} reads it back. */
    String encode(Comparable<?> value) {
        return value == null ? null : value.toString();
    }

    /**
     * A sort value from its text.
     *
     * @throws java.time.format.DateTimeParseException when a launch time is not one
     * @throws NumberFormatException when a CPU average is not a number
     */
    Comparable<?> decode(String text) {
        if (text == null) {
            return null;
        }
        return switch (key) {
            case LAUNCH_TIME -> java.time.Instant.parse(text);
            case CPU -> Double.valueOf(text);
            default -> text;
        };
    }

    @Override
    public String toString() {
        return (descending ? "-" : "") + key.value;
    }

    private static String nullable(String value) {
        return value == null ? "" : value;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
