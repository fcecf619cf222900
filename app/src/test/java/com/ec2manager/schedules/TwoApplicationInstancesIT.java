package com.ec2manager.schedules;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.ec2manager.Ec2ManagerApplication;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.identity.Operator;
import com.ec2manager.identity.Role;
import com.ec2manager.instances.Inventory;
import com.ec2manager.localaws.ec2.Ec2Emulator;
import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.localaws.ec2.InstanceState;
import com.ec2manager.localaws.testing.MutableClock;
import com.ec2manager.testing.TestLocalStack;
import com.ec2manager.web.Caller;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application instances (two Spring contexts) on the same DynamoDB Local and EC2 emulator, on
 * one injected clock, racing over the same transitions: each instance of the schedule is stopped
 * exactly once, and started exactly once at the next transition, however the passes interleave.
 */
class TwoApplicationInstancesIT {

    private static final String REGION = "us-east-1";
    /** Both applications read this clock; a minute of the far future no other test's schedule acts in. */
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2033-03-01T00:00:00Z")
            .plus(Math.floorMod(UUID.randomUUID().hashCode(), 100_000), ChronoUnit.MINUTES));

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    /** The shared clock as each context's clock (a primary source, not scanned: other tests' contexts never see it). */
    static class SharedClock {

        @Bean
        @Primary
        MutableClock sharedClock() {
            return CLOCK;
        }
    }

    @BeforeAll
    static void startTwoApplications() {
        first = start();
        second = start();
    }

    @AfterAll
    static void stopThem() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    private static ConfigurableApplicationContext start() {
        List<String> arguments = new ArrayList<>(TestLocalStack.applicationArguments());
        arguments.addAll(List.of("--server.port=0", "--ec2manager.schedules.enabled=false",
                "--ec2manager.inventory.enabled=false", "--ec2manager.audit.reconciler.enabled=false"));
        return new SpringApplicationBuilder(Ec2ManagerApplication.class, SharedClock.class)
                .run(arguments.toArray(String[]::new));
    }

    @Test
    void eachInstanceIsStoppedAndStartedExactlyOncePerTransitionByTwoApplicationsRacingForIt() {
        Ec2Emulator ec2 = TestLocalStack.get().ec2();
        List<InstanceSnapshot> targets = ec2.instances(REGION).stream()
                .filter(i -> i.state() == InstanceState.RUNNING && !i.disableApiStop() && i.autoScalingGroup() == null)
                .limit(3).toList();
        assertThat(targets).hasSize(3);
        String group = "two-apps-" + UUID.randomUUID().toString().substring(0, 8);
        tag(ec2, targets, group);
        for (ConfigurableApplicationContext app : List.of(first, second)) {
            app.getBean(Inventory.class).tick().join();
        }

        Instant now = CLOCK.instant().truncatedTo(ChronoUnit.MINUTES);
        Operator admin = new Operator("two-apps-it", "two-apps@example.com", Set.of(Role.ADMIN));
        Schedules one = first.getBean(Schedules.class);
        Schedule schedule = one.create(admin, new Caller("127.0.0.1", "TwoApplicationInstancesIT", "create-" + group),
                new ScheduleForm(group, "UTC", List.of(new ScheduleForm.PeriodForm(List.of("MON", "TUE", "WED", "THU",
                        "FRI", "SAT", "SUN"), local(now.minus(Duration.ofMinutes(30))), local(now.plus(Duration.ofMinutes(2))))),
                        List.of(), "STOP_AND_START", false,
                        new ScheduleForm.TargetForm(Map.of("TwoApps", group), List.of(), List.of(REGION))));
        try {
            // the stop: both applications, three passes each, at once
            CLOCK.advance(Duration.ofMinutes(3));
            assertThat(race()).isEqualTo(3);
            assertThat(actionsOf(schedule, AuditAction.STOP_INSTANCE)).isEqualTo(idsOf(targets, 1L));
            assertThat(stopCalls(ec2, targets, "StopInstances")).isEqualTo(idsOf(targets, 1L));

            // the instances have stopped (EC2's transitions take real time); the next day's start is raced for the same way
            awaitStopped(ec2, targets);
            CLOCK.advance(Duration.ofMinutes(20));
            for (ConfigurableApplicationContext app : List.of(first, second)) {
                app.getBean(Inventory.class).tick().join();
            }
            CLOCK.set(now.plus(Duration.ofDays(1)).minus(Duration.ofMinutes(30)).plus(Duration.ofSeconds(30)));
            assertThat(race()).isEqualTo(3);
            assertThat(actionsOf(schedule, AuditAction.START_INSTANCE)).isEqualTo(idsOf(targets, 1L));
            assertThat(stopCalls(ec2, targets, "StartInstances")).isEqualTo(idsOf(targets, 1L));
        } finally {
            one.delete(admin, new Caller("127.0.0.1", "TwoApplicationInstancesIT", "delete-" + group), schedule.id());
        }
    }

    /** Three passes of each application at the same time; answers how many instances they acted on in all. */
    private static int race() {
        List<CompletableFuture<Integer>> passes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (ConfigurableApplicationContext app : List.of(first, second)) {
                passes.add(CompletableFuture.supplyAsync(() -> app.getBean(Schedules.class).runDue()));
            }
        }
        return passes.stream().mapToInt(CompletableFuture::join).sum();
    }

    /** How many SUCCEEDED records of the action the schedule wrote, per instance. */
    private static Map<String, Long> actionsOf(Schedule schedule, AuditAction action) {
        return first.getBean(AuditTrail.class).query(AuditQuery.byUser("schedule:" + schedule.id()).withLimit(100))
                .records().stream().filter(r -> r.action() == action && r.outcome() == AuditOutcome.SUCCEEDED)
                .collect(Collectors.groupingBy(AuditRecord::resourceId, Collectors.counting()));
    }

    private static Map<String, Long> stopCalls(Ec2Emulator ec2, List<InstanceSnapshot> targets, String operation) {
        Set<String> ids = targets.stream().map(InstanceSnapshot::instanceId).collect(Collectors.toSet());
        return ec2.calls().stream().filter(call -> call.operation().equals(operation))
                .flatMap(call -> call.instanceIds().stream()).filter(ids::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static Map<String, Long> idsOf(List<InstanceSnapshot> targets, long each) {
        return targets.stream().collect(Collectors.toMap(InstanceSnapshot::instanceId, i -> each));
    }

    private static void awaitStopped(Ec2Emulator ec2, List<InstanceSnapshot> targets) {
        Set<String> ids = targets.stream().map(InstanceSnapshot::instanceId).collect(Collectors.toSet());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ec2.instances(REGION).stream().filter(i -> ids.contains(i.instanceId()))
                .anyMatch(i -> i.state() != InstanceState.STOPPED)) {
            assertThat(System.nanoTime()).as("the instances stop within a minute").isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String local(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalTime().toString();
    }

    private static void tag(Ec2Emulator ec2, List<InstanceSnapshot> targets, String group) {
        try (Ec2Client client = Ec2Client.builder().endpointOverride(ec2.endpoint()).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTWOAPPS", "secret")))
                .build()) {
            client.createTags(r -> r.resources(targets.stream().map(InstanceSnapshot::instanceId).toList())
                    .tags(t -> t.key("TwoApps").value(group)));
        }
    }
}
