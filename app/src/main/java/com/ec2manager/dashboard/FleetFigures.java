package com.ec2manager.dashboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.ec2manager.instances.Instance;
import com.ec2manager.instances.InstanceState;
import com.ec2manager.web.ConsoleFormat;

/**
 * The dashboard's figures of the fleet: counts by state, the account × region × state matrix and
 * the idle running instances. Worked out in one pass over every instance, so that the dashboard
 * computes them once per inventory version ({@code version}) and not on every view.
 *
 * @param version   the inventory version they were counted at
 * @param idle      the idlest running instances, at most {@link #IDLE_SHOWN}
 * @param idleCount every running instance under {@link #IDLE_CPU}
 */
record FleetFigures(long version, long total, long running, long stopped, long transition, List<Bar> stateBars,
                    List<String> matrixStates, List<MatrixRow> matrix, int regionCount, int accountCount,
                    List<IdleInstance> idle, long idleCount) {

    /** Average CPU below which a running instance is called idle. */
    static final double IDLE_CPU = 5.0;
    static final int IDLE_SHOWN = 8;
    private static final List<InstanceState> STATE_ORDER = List.of(InstanceState.RUNNING, InstanceState.STOPPED,
            InstanceState.PENDING, InstanceState.STOPPING, InstanceState.SHUTTING_DOWN, InstanceState.TERMINATED);
    private static final Comparator<Instance> IDLEST_FIRST = Comparator.comparing(Instance::cpuAverage)
            .thenComparing(Instance::id);

    /**
     * One bar of a chart.
     *
     * @param percent the bar's length relative to the longest bar, 0..100
     */
    public record Bar(String label, long count, String style, double percent) {
    }

    /**
     * One row of the state matrix: an account-region and its count per state (in the order of the
     * columns); the rows of an account follow each other, the first one carrying the account's
     * name across all of them.
     *
     * @param accountRows on an account's first row, how many rows it has; 0 on the others
     */
    public record MatrixRow(String accountId, String accountName, String region, List<Long> counts, long total,
                            int accountRows) {
    }

    /** A running instance that did almost nothing over the last 24 hours: worth stopping. */
    public record IdleInstance(Instance instance, String cpu) {
    }

    /** One account-region's counts while they are added up. */
    private record Place(String accountId, String accountName, String region) {
    }

    static FleetFigures of(long version, List<Instance> instances) {
        Map<InstanceState, Long> byState = new EnumMap<>(InstanceState.class);
        // account (by name), then region: the rows of an account stay together
        Map<Place, Map<InstanceState, Long>> byPlace = new TreeMap<>(Comparator.comparing(Place::accountName,
                Comparator.nullsFirst(Comparator.<String>naturalOrder())).thenComparing(Place::accountId).thenComparing(Place::region));
        Map<String, Map<InstanceState, Long>> lastPlace = new HashMap<>();
        TreeSet<String> regions = new TreeSet<>();
        // the idlest few, kept as they come: no sort of every idle instance
        TreeSet<Instance> idlest = new TreeSet<>(IDLEST_FIRST);
        long idleCount = 0;
        for (Instance instance : instances) {
            byState.merge(instance.state(), 1L, Long::sum);
            String key = instance.accountId() + '/' + instance.region();
            Map<InstanceState, Long> counts = lastPlace.get(key);
            if (counts == null) {
                counts = byPlace.computeIfAbsent(new Place(instance.accountId(), instance.accountName(), instance.region()),
                        place -> new EnumMap<>(InstanceState.class));
                lastPlace.put(key, counts);
                regions.add(instance.region());
            }
            counts.merge(instance.state(), 1L, Long::sum);
            if (instance.state() == InstanceState.RUNNING && instance.cpuAverage() != null
                    && instance.cpuAverage() < IDLE_CPU) {
                idleCount++;
                idlest.add(instance);
                if (idlest.size() > IDLE_SHOWN) {
                    idlest.pollLast();
                }
            }
        }
        long max = Math.max(1, byState.values().stream().mapToLong(Long::longValue).max().orElse(1));
        // only the states some instance is in: four rows of zeros say nothing
        List<InstanceState> present = STATE_ORDER.stream().filter(state -> byState.getOrDefault(state, 0L) > 0).toList();
        List<Bar> stateBars = present.stream().map(state -> new Bar(state.value(), byState.get(state),
                "bar--" + state.value(), 100.0 * byState.get(state) / max)).toList();
        Map<String, Integer> rowsPerAccount = new HashMap<>();
        byPlace.keySet().forEach(place -> rowsPerAccount.merge(place.accountId(), 1, Integer::sum));
        List<MatrixRow> matrix = new ArrayList<>();
        String previousAccount = null;
        for (Map.Entry<Place, Map<InstanceState, Long>> entry : byPlace.entrySet()) {
            Place place = entry.getKey();
            boolean firstRow = !place.accountId().equals(previousAccount);
            previousAccount = place.accountId();
            matrix.add(new MatrixRow(place.accountId(), place.accountName(), place.region(),
                    present.stream().map(state -> entry.getValue().getOrDefault(state, 0L)).toList(),
                    entry.getValue().values().stream().mapToLong(Long::longValue).sum(),
                    firstRow ? rowsPerAccount.get(place.accountId()) : 0));
        }
        List<IdleInstance> idle = idlest.stream()
                .map(instance -> new IdleInstance(instance, ConsoleFormat.percentOf(instance.cpuAverage()))).toList();
        long transition = byState.getOrDefault(InstanceState.PENDING, 0L)
                + byState.getOrDefault(InstanceState.STOPPING, 0L)
                + byState.getOrDefault(InstanceState.SHUTTING_DOWN, 0L);
        return new FleetFigures(version, instances.size(), byState.getOrDefault(InstanceState.RUNNING, 0L),
                byState.getOrDefault(InstanceState.STOPPED, 0L), transition, stateBars,
                present.stream().map(InstanceState::value).toList(), List.copyOf(matrix), regions.size(),
                rowsPerAccount.size(), idle, idleCount);
    }
}
