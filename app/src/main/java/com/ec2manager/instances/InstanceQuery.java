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
 * @param regions the regions to read; empty means every enabled region
 * @param states  instance states, e.g. {@code running}
 * @param types   instance types, e.g. {@code t3.micro} (case-insensitive)
 * @param tags    tag conditions, all of which must hold
 * @param text    free text found, case-insensitively, in the name or the id; blank for none
 * @param sort    the order of the result
 */
public record InstanceQuery(Set<String> regions, Set<InstanceState> states, Set<String> types,
                            List<TagFilter> tags, String text, InstanceSort sort) {

    public static final InstanceQuery ALL = new InstanceQuery(Set.of(), Set.of(), Set.of(), List.of(), null,
            InstanceSort.DEFAULT);

    public InstanceQuery {
        regions = Set.copyOf(regions);
        states = Set.copyOf(states);
        types = types.stream().map(type -> type.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        tags = List.copyOf(tags);
        text = text == null || text.isBlank() ? null : text.trim().toLowerCase(Locale.ROOT);
        sort = sort == null ? InstanceSort.DEFAULT : sort;
    }

    /** Builds a query from request parameters, each possibly repeated or comma-separated. */
    public static InstanceQuery of(Collection<String> regions, Collection<String> states, Collection<String> types,
                                   Collection<String> tags, String text, String sort) {
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
        return new InstanceQuery(split(regions), parsedStates, split(types), tagFilters, text,
                InstanceSort.parse(sort));
    }

    public boolean matches(Instance instance) {
        return (states.isEmpty() || states.contains(instance.state()))
                && (types.isEmpty() || (instance.type() != null
                        && types.contains(instance.type().toLowerCase(Locale.ROOT))))
                && (regions.isEmpty() || regions.contains(instance.region()))
                && tags.stream().allMatch(tag -> tag.matches(instance))
                && (text == null || contains(instance.id(), text) || contains(instance.name(), text));
    }

    private static boolean contains(String value, String lowerText) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(lowerText);
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
