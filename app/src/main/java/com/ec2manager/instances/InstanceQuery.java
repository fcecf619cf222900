package com.ec2manager.instances;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a listing asks for. Values of one filter are OR'd, filters are AND'd; an empty filter
 * does not restrict.
 *
 * @param accounts account ids
 * @param regions  regions
 * @param states   instance states, e.g. {@code running}
 * @param types    instance types, e.g. {@code t3.micro} (case-insensitive)
 * @param zones    availability zones, e.g. {@code eu-west-1a}
 * @param tags     tag conditions, all of which must hold
 * @param text     free text found, case-insensitively, in the name, id, private and public
 *                 addresses and DNS names, tag keys and values ({@code Key=Value}), image, VPC,
 *                 subnet, security group ids and names or key name; blank for none
 * @param sort     the order of the result
 */
public record InstanceQuery(Set<String> accounts, Set<String> regions, Set<InstanceState> states, Set<String> types,
                            Set<String> zones, List<TagFilter> tags, String text, InstanceSort sort) {

    public static final InstanceQuery ALL = new InstanceQuery(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
            List.of(), null, InstanceSort.DEFAULT);

    /** The facets a listing counts, beside one per configured tag key ({@code tag:Key}). */
    enum Facet {
        ACCOUNT("account"), REGION("region"), STATE("state"), TYPE("type"), ZONE("zone");

        private final String value;

        Facet(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    public InstanceQuery {
        accounts = Set.copyOf(accounts);
        regions = Set.copyOf(regions);
        states = Set.copyOf(states);
        types = types.stream().map(type -> type.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        zones = Set.copyOf(zones);
        tags = List.copyOf(tags);
        text = text == null || text.isBlank() ? null : text.trim().toLowerCase(Locale.ROOT);
        sort = sort == null ? InstanceSort.DEFAULT : sort;
    }

    /** Builds a query from request parameters, each possibly repeated or comma-separated. */
    public static InstanceQuery of(Collection<String> regions, Collection<String> states, Collection<String> types,
                                   Collection<String> tags, String text, String sort) {
        return of(List.of(), regions, states, types, List.of(), tags, text, sort);
    }

    /** Builds a query from request parameters, each possibly repeated or comma-separated. */
    public static InstanceQuery of(Collection<String> accounts, Collection<String> regions, Collection<String> states,
                                   Collection<String> types, Collection<String> zones, Collection<String> tags,
                                   String text, String sort) {
        Set<InstanceState> parsedStates = split(states).stream().map(value -> {
            InstanceState state = InstanceState.fromValue(value);
            if (state == InstanceState.UNKNOWN) {
                throw new InvalidInstanceQueryException("Unknown state '" + InstanceIds.printable(value)
                        + "': use pending, running, stopping, stopped, shutting-down or terminated");
            }
            return state;
        }).collect(Collectors.toSet());
        // Tags are not split on commas: a tag value may contain one.
        List<TagFilter> tagFilters = tags == null ? List.of()
                : tags.stream().filter(tag -> tag != null && !tag.isBlank()).map(TagFilter::parse).toList();
        return new InstanceQuery(split(accounts), split(regions), parsedStates, split(types), split(zones), tagFilters,
                text, InstanceSort.parse(sort));
    }

    public boolean matches(Instance instance) {
        return matches(Indexed.of(instance));
    }

    boolean matches(Indexed entry) {
        Instance instance = entry.instance();
        return (accounts.isEmpty() || accounts.contains(instance.accountId()))
                && (regions.isEmpty() || regions.contains(instance.region()))
                && (states.isEmpty() || states.contains(instance.state()))
                && (types.isEmpty() || instance.type() != null && types.contains(instance.type().toLowerCase(Locale.ROOT)))
                && (zones.isEmpty() || zones.contains(instance.availabilityZone()))
                && tags.stream().allMatch(tag -> tag.matches(instance))
                && (text == null || entry.text().contains(text));
    }

    /** A stable description of the filters and order, for cursors: a cursor is valid only for its query. */
    String fingerprint() {
        return String.join("|", sorted(accounts), sorted(regions),
                sorted(states.stream().map(InstanceState::value).collect(Collectors.toSet())), sorted(types),
                sorted(zones), tags.stream().map(TagFilter::toString).sorted().collect(Collectors.joining(",")),
                text == null ? "" : text, sort.toString());
    }

    private static String sorted(Set<String> values) {
        return values.stream().sorted().collect(Collectors.joining(","));
    }

    private static Set<String> split(Collection<String> values) {
        if (values == null) {
            return Set.of();
        }
        return values.stream().filter(value -> value != null)
                .flatMap(value -> List.of(value.split(",")).stream())
                .map(String::trim).filter(value -> !value.isEmpty())
                .collect(Collectors.toSet());
    }
}
