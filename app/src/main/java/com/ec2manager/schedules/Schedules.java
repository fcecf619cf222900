package com.ec2manager.schedules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.ec2manager.action.AuditedActions;
import com.ec2manager.action.CallOutcome;
import com.ec2manager.action.VersionedWrites;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;
import com.ec2manager.identity.Operator;
import com.ec2manager.identity.Role;
import com.ec2manager.instances.ActionGate.Place;
import com.ec2manager.instances.ActionRequest;
import com.ec2manager.instances.BulkActionResult;
import com.ec2manager.instances.Ec2Caller;
import com.ec2manager.instances.Instance;
import com.ec2manager.instances.InstanceAction;
import com.ec2manager.instances.InstanceActions;
import com.ec2manager.instances.InstanceListing;
import com.ec2manager.instances.InstanceQuery;
import com.ec2manager.instances.InstanceState;
import com.ec2manager.web.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules that start and stop what nobody uses. Admins edit schedules and overrides (each change
 * audited through the kernel); {@link #runDue} acts on every transition once across all
 * application instances (a claim with a conditional write), each instance action going through the
 * audited-action path as the schedule ({@code userId} {@code schedule:<id>}, its name in the details).
 * Starts are paced to EC2's StartInstances refill; one instance's failure never stops the others.
 */
public class Schedules {

    private static final Logger log = LoggerFactory.getLogger(Schedules.class);
    static final int MAX_SCHEDULES = 100;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Duration LONGEST_OVERRIDE = Duration.ofDays(30);
    /** Minutes a late pass still acts on (the application was down, or a pass ran long). */
    private static final Duration CATCH_UP = Duration.ofMinutes(5);

    private final ScheduleStore store;
    private final AuditedActions kernel;
    private final AuditTrail audit;
    private final InstanceListing listing;
    private final InstanceActions actions;
    private final SchedulesProperties properties;
    private final Clock clock;
    private final Pacer pacer;
    private final String claimant = UUID.randomUUID().toString();
    private volatile Instant checkedUpTo;

    Schedules(ScheduleStore store, AuditedActions kernel, AuditTrail audit, InstanceListing listing,
              InstanceActions actions, SchedulesProperties properties, Clock clock, Pacer pacer) {
        this.store = store;
        this.kernel = kernel;
        this.audit = audit;
        this.listing = listing;
        this.actions = actions;
        this.properties = properties;
        this.clock = clock;
        this.pacer = pacer;
    }

    /** How the pause between paced starts is taken (a sleep; tests count them instead). */
    interface Pacer {
        void pause(Duration duration) throws InterruptedException;
    }

    // --- reading --------------------------------------------------------------------------------

    public List<Schedule> schedules() {
        return store.schedules().all();
    }

    public Schedule schedule(String id) {
        if (!wellFormedId(id)) {
            throw ScheduleFailure.notFound("schedule " + printable(id));
        }
        return schedules().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> ScheduleFailure.notFound("schedule " + printable(id)));
    }

    /** The overrides still in force, of one schedule. */
    List<ScheduleOverride> overrides(String scheduleId) {
        Instant now = clock.instant();
        return store.overrides().all().stream().filter(o -> o.scheduleId().equals(scheduleId) && o.activeAt(now))
                .toList();
    }

    /**
     * What a schedule does: whether its instances should run now, its next transitions, the instances
     * it targets now with their state (and those out of step with it), and the instance-hours its
     * stops saved over the last 30 days.
     */
    SchedulePreview preview(String id) {
        Schedule schedule = schedule(id);
        Instant now = clock.instant();
        boolean running = schedule.running(now);
        Map<String, ScheduleOverride> overridden = new HashMap<>();
        overrides(id).forEach(o -> overridden.put(o.instanceId(), o));
        List<Instance> instances = targets(schedule, Set.of());
        List<SchedulePreview.Target> targets = new ArrayList<>();
        for (Instance instance : instances) {
            ScheduleOverride override = overridden.get(instance.id());
            boolean shouldRun = override != null ? override.keep() == ScheduleOverride.Keep.RUNNING : running;
            boolean isRunning = isRunning(instance);
            boolean startedOutside = override == null && !running && isRunning && schedule.mode().stops();
            AuditRecord started = startedOutside ? lastStart(instance.id()) : null;
            targets.add(new SchedulePreview.Target(instance.id(), instance.name(), instance.accountId(),
                    instance.region(), instance.state().value(), override == null ? null : override.keep().name(),
                    shouldRun != isRunning, startedOutside, started == null ? null : started.userEmail(),
                    started == null ? null : started.eventTime()));
        }
        List<Schedule.Transition> next = schedule.nextTransitions(now, 3, Duration.ofDays(8));
        List<SchedulePreview.Upcoming> upcoming = next.stream().map(transition -> {
            boolean start = transition.kind() == Schedule.Transition.Kind.START;
            ScheduleOverride.Keep spared = start ? ScheduleOverride.Keep.STOPPED : ScheduleOverride.Keep.RUNNING;
            return new SchedulePreview.Upcoming(transition.kind(), transition.minute(), instances.stream()
                    .filter(i -> i.state() == (start ? InstanceState.STOPPED : InstanceState.RUNNING))
                    .filter(i -> {
                        ScheduleOverride o = overridden.get(i.id());
                        return o == null || o.keep() != spared || !o.activeAt(transition.minute());
                    })
                    .map(Instance::id).toList());
        }).toList();
        return new SchedulePreview(schedule, running, next, upcoming, targets, savedHours(schedule, now));
    }

    private static boolean isRunning(Instance instance) {
        return instance.state() == InstanceState.RUNNING || instance.state() == InstanceState.PENDING;
    }

    /** The instance's latest start that succeeded, from the audit trail; null when none is recorded (or it cannot be read). */
    private AuditRecord lastStart(String instanceId) {
        try {
            return audit.query(AuditQuery.byResource(instanceId).withLimit(20)).records().stream()
                    .filter(r -> r.action() == AuditAction.START_INSTANCE && r.outcome() != AuditOutcome.DENIED
                            && r.outcome() != AuditOutcome.FAILED)
                    .findFirst().orElse(null);
        } catch (ApplicationException unreadable) {
            return null;
        }
    }

    // --- running --------------------------------------------------------------------------------

    /** Acts on every transition since the last pass (at most a few minutes back) that no other instance has claimed. */
    public int runDue() {
        Instant now = clock.instant();
        Instant upTo = now.truncatedTo(ChronoUnit.MINUTES);
        Instant from = checkedUpTo == null || checkedUpTo.isBefore(upTo.minus(CATCH_UP)) ? upTo.minus(CATCH_UP)
                : checkedUpTo.plus(1, ChronoUnit.MINUTES);
        int acted = 0;
        List<Schedule> all = schedules();
        for (Instant minute = from; !minute.isAfter(upTo); minute = minute.plus(1, ChronoUnit.MINUTES)) {
            for (Schedule schedule : all) {
                var transition = schedule.transitionAt(minute);
                if (transition.isPresent() && store.claim(schedule.id(), minute, claimant, now)) {
                    acted += run(schedule, transition.get());
                }
            }
        }
        checkedUpTo = upTo;
        return acted;
    }

    /**
     * One transition: every targeted instance in the state it leaves, except those overridden; answers
     * how many were acted on. Starts go in rounds a second apart, paced per account and region as EC2
     * refills StartInstances per account and region: each one's first {@code startBurst} at once, then
     * {@code startsPerSecond} of each every second. Stops go at once.
     */
    int run(Schedule schedule, Schedule.Transition transition) {
        boolean start = transition.kind() == Schedule.Transition.Kind.START;
        InstanceState from = start ? InstanceState.STOPPED : InstanceState.RUNNING;
        ScheduleOverride.Keep spared = start ? ScheduleOverride.Keep.STOPPED : ScheduleOverride.Keep.RUNNING;
        Set<String> overridden = new java.util.HashSet<>();
        overrides(schedule.id()).stream().filter(o -> o.keep() == spared).forEach(o -> overridden.add(o.instanceId()));
        List<Instance> due = targets(schedule, Set.of(from)).stream().filter(i -> !overridden.contains(i.id())).toList();
        if (due.isEmpty()) {
            return 0;
        }
        Operator actor = new Operator("schedule:" + schedule.id(), null, Set.of(Role.ADMIN));
        Caller origin = new Caller(null, "ec2-manager scheduler", "schedule-" + UUID.randomUUID());
        ActionRequest body = new ActionRequest("schedule " + schedule.name() + ": " + transition.kind().name()
                .toLowerCase(java.util.Locale.ROOT) + " at " + transition.minute(), false, !start && schedule.hibernate());
        Map<String, String> extra = !start && schedule.hibernate()
                ? Map.of("schedule", schedule.name(), "scheduleId", schedule.id(), "hibernate", "true")
                : Map.of("schedule", schedule.name(), "scheduleId", schedule.id());
        InstanceAction action = start ? InstanceAction.START : InstanceAction.STOP;
        List<List<Instance>> rounds = start ? paced(due, i -> i.accountId() + "/" + i.region(), properties.startBurst(),
                properties.startsPerSecond()) : List.of(due);
        long began = System.nanoTime();
        int acted = 0;
        for (int round = 0; round < rounds.size(); round++) {
            if (round > 0) {
                // round n begins n seconds after the first, however long the rounds before took
                long wait = began + round * 1_000_000_000L - System.nanoTime();
                try {
                    pacer.pause(Duration.ofNanos(Math.max(0, wait)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    log.warn("schedule {}: interrupted after {} of {} rounds of starts", schedule.name(), round,
                            rounds.size());
                    return acted;
                }
            }
            acted += act(schedule, actor, origin, action, rounds.get(round), body, extra);
        }
        return acted;
    }

    /** One round: the instances acted on together; a failure is one instance's, never the round's. */
    private int act(Schedule schedule, Operator actor, Caller origin, InstanceAction action, List<Instance> instances,
                    ActionRequest body, Map<String, String> extra) {
        Map<String, Place> places = new LinkedHashMap<>();
        instances.forEach(inst -> places.put(inst.id(), Place.of(inst)));
        try {
            BulkActionResult result = actions.performDecided(actor, origin, action, places, body, extra);
            if (result.failed() > 0) {
                log.warn("schedule {}: {} of {} instances failed to {} (each recorded FAILED)", schedule.name(),
                        result.failed(), places.size(), action.value());
            }
            return result.succeeded();
        } catch (ApplicationException e) {
            log.warn("schedule {}: {} of {} instances not acted on: {}", schedule.name(), action.value(),
                    places.size(), e.getMessage());
            return 0;
        }
    }

    /**
     * Items in rounds a second apart, paced per place (an account-region): each place's first
     * {@code burst} in the first round, then {@code perSecond} of each in every round after.
     */
    static <T> List<List<T>> paced(List<T> due, java.util.function.Function<T, String> place, int burst, int perSecond) {
        Map<String, List<T>> byPlace = new LinkedHashMap<>();
        due.forEach(item -> byPlace.computeIfAbsent(place.apply(item), k -> new ArrayList<>()).add(item));
        List<List<T>> rounds = new ArrayList<>();
        for (List<T> items : byPlace.values()) {
            int round = 0;
            for (int i = 0; i < items.size(); round++) {
                int take = round == 0 ? burst : perSecond;
                while (rounds.size() <= round) {
                    rounds.add(new ArrayList<>());
                }
                rounds.get(round).addAll(items.subList(i, Math.min(items.size(), i + take)));
                i += take;
            }
        }
        return rounds;
    }

    // --- editing --------------------------------------------------------------------------------

    public Schedule create(Operator admin, Caller origin, ScheduleForm form) {
        AuditIntent intent = intent(admin, origin, AuditAction.CREATE_SCHEDULE, ResourceType.SCHEDULE, "new", Map.of());
        kernel.authorize(admin.isAdmin(), "only admins may change schedules", intent, List.of());
        Schedule schedule = form.toSchedule(UUID.randomUUID().toString(), clock.instant(), admin.email());
        return change(intent, schedule, all -> {
            if (all.size() >= MAX_SCHEDULES) {
                throw ScheduleFailure.invalid("At most " + MAX_SCHEDULES + " schedules; delete one first.");
            }
            all.add(schedule);
        });
    }

    public Schedule update(Operator admin, Caller origin, String id, ScheduleForm form) {
        AuditIntent intent = intent(admin, origin, AuditAction.UPDATE_SCHEDULE, ResourceType.SCHEDULE, id, Map.of());
        kernel.authorize(admin.isAdmin(), "only admins may change schedules", intent, List.of(id));
        Schedule schedule = form.toSchedule(id, clock.instant(), admin.email());
        return change(intent, schedule, all -> all.set(indexOf(all, id), schedule));
    }

    public void delete(Operator admin, Caller origin, String id) {
        AuditIntent intent = intent(admin, origin, AuditAction.DELETE_SCHEDULE, ResourceType.SCHEDULE, id, Map.of());
        kernel.authorize(admin.isAdmin(), "only admins may change schedules", intent, List.of(id));
        Schedule gone = schedule(id);
        change(intent, gone, all -> all.remove(indexOf(all, id)));
    }

    /**
     * Keeps one targeted instance running (or stopped) until {@code until}, at most 30 days ahead;
     * it ends by itself.
     */
    public ScheduleOverride override(Operator admin, Caller origin, String scheduleId, String instanceId, String keep,
                                     Instant until) {
        AuditIntent intent = intent(admin, origin, AuditAction.OVERRIDE_SCHEDULE, ResourceType.SCHEDULE, scheduleId,
                Map.of());
        kernel.authorize(admin.isAdmin(), "only admins may override schedules", intent, List.of(scheduleId));
        Schedule schedule = schedule(scheduleId);
        ScheduleOverride.Keep kept;
        try {
            kept = ScheduleOverride.Keep.valueOf(keep == null ? "" : keep.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ScheduleFailure.invalid("keep", "RUNNING or STOPPED");
        }
        Instant now = clock.instant();
        if (until == null || !until.isAfter(now) || until.isAfter(now.plus(LONGEST_OVERRIDE))) {
            throw ScheduleFailure.invalid("until", "a time in the next 30 days, e.g. " + now.plus(Duration.ofHours(4))
                    .truncatedTo(ChronoUnit.MINUTES));
        }
        boolean targeted = targets(schedule, Set.of()).stream().anyMatch(i -> i.id().equals(instanceId));
        if (!targeted) {
            throw ScheduleFailure.invalid("instanceId", printable(instanceId) + " is not one of the schedule's instances");
        }
        ScheduleOverride override = new ScheduleOverride(scheduleId, instanceId, kept, until, admin.email(), now);
        var read = store.overrides();
        List<ScheduleOverride> all = new ArrayList<>(read.all().stream().filter(o -> o.activeAt(now)
                && !(o.scheduleId().equals(scheduleId) && o.instanceId().equals(instanceId))).toList());
        all.add(override);
        Map<String, String> extra = new LinkedHashMap<>(Map.of("schedule", schedule.name(),
                "instanceId", instanceId, "keep", kept.name(), "until", until.toString(),
                VersionedWrites.CHANGED_AT, now.toString()));
        extra.putAll(VersionedWrites.writes(read.version() + 1)); // what the judge looks for should the write not answer
        AuditIntent described = withExtra(intent, extra);
        AuditedActions.answer(kernel.perform(described, () -> store.saveOverrides(read, all)
                ? new CallOutcome.Done<>(override, null, null) : changedMeanwhile()));
        return override;
    }

    private Schedule change(AuditIntent intent, Schedule schedule, Consumer<List<Schedule>> edit) {
        var read = store.schedules();
        List<Schedule> all = new ArrayList<>(read.all());
        edit.accept(all);
        AuditIntent described = new AuditIntent(intent.actor(), intent.action(), intent.resourceType(), schedule.id(),
                intent.details().with(described(schedule, read.version() + 1)), intent.requestId(),
                intent.clientRequestId());
        AuditedActions.answer(kernel.perform(described, () -> store.saveSchedules(read, all)
                ? new CallOutcome.Done<>(schedule, null, null) : changedMeanwhile()));
        return schedule;
    }

    // --- helpers --------------------------------------------------------------------------------

    /**
     * The instances a schedule targets now, from the inventory, in {@code states} (all when empty).
     * Auto Scaling members are never targets: their group starts, stops and replaces them itself, and
     * EC2 actions on them would need the acknowledgement a schedule cannot give (a FAILED record for
     * each member at every transition).
     */
    private List<Instance> targets(Schedule schedule, Set<InstanceState> states) {
        List<String> tags = schedule.target().tags().entrySet().stream().map(t -> t.getKey() + "=" + t.getValue()).toList();
        InstanceQuery query = InstanceQuery.of(List.copyOf(schedule.target().accounts()),
                List.copyOf(schedule.target().regions()), states.stream().map(InstanceState::value).toList(), List.of(),
                List.of(), tags, null, null);
        return listing.list(query, Ec2Caller.system("schedules")).instances().stream()
                .filter(i -> schedule.target().tags().entrySet().stream()
                        .allMatch(t -> t.getValue().equals(i.tags().get(t.getKey()))))
                .filter(i -> !i.inAutoScalingGroup())
                .toList();
    }

    /** Instance-hours the schedule's stops saved over the last 30 days: from each stop to the next start (or now). */
    private double savedHours(Schedule schedule, Instant now) {
        Instant since = now.minus(Duration.ofDays(30));
        Map<String, Instant> stoppedAt = new HashMap<>();
        double seconds = 0;
        List<AuditRecord> records;
        try (Stream<AuditRecord> stream = audit.stream(AuditQuery.byUser("schedule:" + schedule.id()).between(since, now))) {
            records = new ArrayList<>(stream.filter(r -> r.outcome() == AuditOutcome.SUCCEEDED).toList());
        }
        records.sort(java.util.Comparator.comparing(AuditRecord::eventTime));
        for (AuditRecord record : records) {
            if (record.action() == AuditAction.STOP_INSTANCE) {
                stoppedAt.putIfAbsent(record.resourceId(), record.eventTime());
            } else if (record.action() == AuditAction.START_INSTANCE && stoppedAt.containsKey(record.resourceId())) {
                seconds += Duration.between(stoppedAt.remove(record.resourceId()), record.eventTime()).toSeconds();
            }
        }
        for (Instant stopped : stoppedAt.values()) {
            seconds += Duration.between(stopped, now).toSeconds();
        }
        return Math.round(seconds / 36.0) / 100.0;
    }

    private static int indexOf(List<Schedule> all, String id) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(id)) {
                return i;
            }
        }
        throw ScheduleFailure.notFound("schedule " + printable(id));
    }

    /**
     * What a change's record says of the schedule, and what the {@link SchedulePendingJudge} needs
     * should the write not answer: the version it writes and the schedule's own change time.
     */
    private static Map<String, String> described(Schedule schedule, long writes) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("schedule", schedule.name());
        extra.put("timeZone", schedule.timeZone().getId());
        extra.put("mode", schedule.mode().name());
        if (schedule.updatedAt() != null) {
            extra.put(VersionedWrites.CHANGED_AT, schedule.updatedAt().toString());
        }
        extra.putAll(VersionedWrites.writes(writes));
        return extra;
    }

    private static <R> CallOutcome<R> changedMeanwhile() {
        return new CallOutcome.Refused<>(FailureKind.CONFLICT, "SchedulesChanged",
                "Someone changed the schedules at the same moment; nothing was changed. Try again.", null);
    }

    private static AuditIntent withExtra(AuditIntent intent, Map<String, String> extra) {
        return new AuditIntent(intent.actor(), intent.action(), intent.resourceType(), intent.resourceId(),
                intent.details().with(extra), intent.requestId(), intent.clientRequestId());
    }

    private static AuditIntent intent(Operator operator, Caller origin, AuditAction action, ResourceType type,
                                      String id, Map<String, String> extra) {
        return new AuditIntent(new AuditActor(operator.userId(), operator.email(), origin.ipAddress(),
                origin.userAgent()), action, type, id, new AuditDetails(null, null, null, null, extra),
                origin.requestId(), origin.clientRequestId());
    }

    static String printable(String id) {
        String text = id == null ? "" : id.replaceAll("[^A-Za-z0-9-]", "?");
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    static boolean wellFormedId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
