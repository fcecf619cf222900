package com.ec2manager.instances;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.localaws.ec2.Ec2Fault;
import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.schedules.Schedules;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Schedules (the schedules package) against the EC2 emulator on the injected clock: a transition
 * stops its instances once, through the audited path as the schedule, however many passes race
 * for it (each transition is claimed with a conditional write, as N application instances would);
 * an override spares its instance; changes are admins' and audited. Each schedule targets its test's instances by Name.
 */
@TestPropertySource(properties = "ec2manager.schedules.enabled=false")
class SchedulesIT extends SharedStackTestSupport {

    @Autowired
    Schedules schedules;

    private final Caller scheduleAdmin = admin();

    @AfterEach
    void deleteSchedules() throws Exception {
        for (var schedule : schedules.schedules()) {
            mvc.perform(delete("/api/v1/schedules/" + schedule.id()).with(scheduleAdmin.token()).with(csrf()))
                    .andExpect(status().isNoContent());
        }
    }

    @Test
    void aStopTransitionStopsItsInstancesOnceAsTheScheduleHoweverManyPassesRaceForIt() throws Exception {
        InstanceSnapshot target = TestEc2.take(inDefaultAccount(TestEc2.plainRunning()));
        // names repeat across the fleet: the schedule targets its instance by a tag of its own
        String batch = tagged(List.of(target));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        String id = scheduleTagged("race", now.minus(Duration.ofMinutes(30)), now.plus(Duration.ofMinutes(2)), "Batch", batch);

        clock.advance(Duration.ofMinutes(3));
        List<CompletableFuture<Integer>> passes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            passes.add(CompletableFuture.supplyAsync(schedules::runDue));
        }
        int acted = passes.stream().mapToInt(CompletableFuture::join).sum();

        assertThat(acted).isEqualTo(1);
        assertThat(calls("StopInstances", target)).isEqualTo(1);
        List<AuditRecord> records = audit.query(AuditQuery.byUser("schedule:" + id)).records();
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.action()).isEqualTo(AuditAction.STOP_INSTANCE);
            assertThat(record.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
            assertThat(record.resourceId()).isEqualTo(target.instanceId());
            assertThat(record.details().extra()).containsEntry("schedule", "race");
        });
        mvc.perform(getAs(admin(), "/api/v1/schedules/" + id + "/preview"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.runningNow").value(false))
                .andExpect(jsonPath("$.targets[0].instanceId").value(target.instanceId()))
                .andExpect(jsonPath("$.nextTransitions[0].kind").value("START"));
        // the audit log names the schedule that acted, not its user id
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/audit")
                        .param("userId", "schedule:" + id).with(admin().token())
                        .accept(org.springframework.http.MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("Schedule \u201crace\u201d")));
    }

    @Test
    void anOverrideSparesItsInstanceFromTheStopThatTakesTheOtherSchedulesInstance() throws Exception {
        List<InstanceSnapshot> targets = TestEc2.take(2, inDefaultAccount(TestEc2.plainRunning()));
        String batch = tagged(targets);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        String id = scheduleTagged("spare", now.minus(Duration.ofMinutes(30)), now.plus(Duration.ofMinutes(2)), "Batch", batch);
        mvc.perform(postAs(admin(), "/api/v1/schedules/" + id + "/overrides", "{\"instanceId\":\""
                        + targets.get(0).instanceId() + "\",\"keep\":\"RUNNING\",\"until\":\""
                        + now.plus(Duration.ofHours(1)) + "\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.keep").value("RUNNING"));

        clock.advance(Duration.ofMinutes(3));
        assertThat(schedules.runDue()).isEqualTo(1);
        assertThat(calls("StopInstances", targets.get(0))).as("overridden").isZero();
        assertThat(calls("StopInstances", targets.get(1))).isEqualTo(1);
        mvc.perform(getAs(admin(), "/api/v1/schedules/" + id + "/preview"))
                .andExpect(jsonPath("$.targets[?(@.instanceId == '" + targets.get(0).instanceId() + "')].override")
                        .value(org.hamcrest.Matchers.contains("RUNNING")));
        assertThat(audit.query(AuditQuery.byUser(scheduleAdmin.userId())).records()).extracting(AuditRecord::action)
                .contains(AuditAction.CREATE_SCHEDULE);
    }

    @Test
    void onlyAdminsChangeSchedulesAndABadScheduleIs400() throws Exception {
        Caller reader = readonly();
        String body = "{\"name\":\"x\",\"timeZone\":\"Europe/Berlin\",\"periods\":[{\"days\":[\"MON\"],\"start\":\"08:00\",\"stop\":\"19:00\"}]}";
        mvc.perform(postAs(reader, "/api/v1/schedules", body)).andExpect(status().isForbidden());
        assertThat(recordsOf(reader)).extracting(AuditRecord::action, AuditRecord::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditAction.CREATE_SCHEDULE, AuditOutcome.DENIED));
        for (String bad : List.of(body.replace("Europe/Berlin", "Mars/Olympus"), body.replace("\"MON\"", "\"MOON\""),
                body.replace("08:00", "8 o'clock"), body.replace("19:00", "08:00"),
                body.replace("}]}", "}],\"mode\":\"SOMETIMES\"}"), body.replace("}]}", "}],\"holidays\":[\"Christmas\"]}"))) {
            mvc.perform(postAs(scheduleAdmin, "/api/v1/schedules", bad)).andExpect(status().isBadRequest());
        }
        mvc.perform(getAs(admin(), "/api/v1/schedules/not-an-id/preview")).andExpect(status().isNotFound());
        assertThat(schedules.schedules()).isEmpty();
    }

    @Test
    void aFailingInstanceInABatchDoesNotKeepTheScheduleFromStoppingTheOthersAndItsFailureIsRecordedForNotification()
            throws Exception {
        List<InstanceSnapshot> targets = TestEc2.take(3, inDefaultAccount(TestEc2.plainRunning()));
        String batch = tagged(targets);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        String id = scheduleTagged("batch", now.minus(Duration.ofMinutes(30)), now.plus(Duration.ofMinutes(2)), "Batch", batch);
        // EC2 refuses the first StopInstances of the batch (a client error: the SDK does not retry it)
        TestEc2.get().failNext("StopInstances", 1, new Ec2Fault(Duration.ZERO, 400, "IncorrectInstanceState",
                "The instance is not in a state from which it can be stopped."));
        try {
            clock.advance(Duration.ofMinutes(3));
            assertThat(schedules.runDue()).isEqualTo(2);
        } finally {
            TestEc2.get().clearFaults();
        }

        List<AuditRecord> records = audit.query(AuditQuery.byUser("schedule:" + id)).records();
        assertThat(records).extracting(AuditRecord::resourceId)
                .containsExactlyInAnyOrderElementsOf(targets.stream().map(InstanceSnapshot::instanceId).toList());
        assertThat(records).filteredOn(r -> r.outcome() == AuditOutcome.SUCCEEDED).hasSize(2);
        // the FAILED record names its schedule and EC2's refusal: the audit stream's notifications send it
        assertThat(records).filteredOn(r -> r.outcome() == AuditOutcome.FAILED).singleElement().satisfies(failed -> {
            assertThat(failed.errorCode()).isEqualTo("IncorrectInstanceState");
            assertThat(failed.details().extra()).containsEntry("schedule", "batch").containsEntry("scheduleId", id);
        });
        for (InstanceSnapshot target : targets) {
            assertThat(calls("StopInstances", target)).as(target.instanceId()).isEqualTo(1);
        }
    }

    @Test
    void aPersonStartingAnInstanceTheScheduleKeepsStoppedIsToldAndThePreviewListsItAsStartedOutsideTheSchedule()
            throws Exception {
        List<InstanceSnapshot> stopped = TestEc2.take(2, instance -> instance.state()
                == com.ec2manager.localaws.ec2.InstanceState.STOPPED && instance.autoScalingGroup() == null);
        InstanceSnapshot kept = stopped.get(0);
        InstanceSnapshot overridden = stopped.get(1);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        // the period begins in two hours: the schedules keep their instances stopped now
        String id = scheduleTagged("kept", now.plus(Duration.ofHours(2)), now.plus(Duration.ofHours(3)), "Name", kept.name());
        String other = scheduleTagged("kept-overridden", now.plus(Duration.ofHours(2)), now.plus(Duration.ofHours(3)),
                "Name", overridden.name());
        mvc.perform(postAs(admin(), "/api/v1/schedules/" + other + "/overrides", "{\"instanceId\":\""
                + overridden.instanceId() + "\",\"keep\":\"RUNNING\",\"until\":\"" + now.plus(Duration.ofHours(1)) + "\"}"))
                .andExpect(status().isCreated());
        Caller person = admin();

        mvc.perform(postAs(person, "/api/v1/instances/" + kept.instanceId() + "/start", body("needed tonight")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.notice").value(org.hamcrest.Matchers.containsString("The schedule kept keeps "
                        + kept.instanceId() + " stopped now")))
                .andExpect(jsonPath("$.notice").value(org.hamcrest.Matchers.containsString("stops it again at")));
        // an override lets it run: nothing to tell
        mvc.perform(postAs(person, "/api/v1/instances/" + overridden.instanceId() + "/start", body("needed tonight")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.notice").doesNotExist());

        assertThat(recordsOf(person)).filteredOn(r -> r.resourceId().equals(kept.instanceId())).singleElement()
                .satisfies(r -> assertThat(r.details().extra().get("notice")).contains("The schedule kept keeps"));
        assertThat(recordsOf(person)).filteredOn(r -> r.resourceId().equals(overridden.instanceId())).singleElement()
                .satisfies(r -> assertThat(r.details().extra()).doesNotContainKey("notice"));
        mvc.perform(getAs(admin(), "/api/v1/schedules/" + id + "/preview"))
                .andExpect(jsonPath("$.targets[0].instanceId").value(kept.instanceId()))
                .andExpect(jsonPath("$.targets[0].startedOutside").value(true))
                .andExpect(jsonPath("$.targets[0].startedBy").value(person.email()));
        mvc.perform(getAs(admin(), "/api/v1/schedules/" + other + "/preview"))
                .andExpect(jsonPath("$.targets[0].instanceId").value(overridden.instanceId()))
                .andExpect(jsonPath("$.targets[0].startedOutside").value(false));
    }

    @Test
    void aHibernatingSchedulesStopHibernatesTheConfiguredInstanceRecordsEc2sRefusalOfTheOtherAndAnOrdinaryOneDoesNotHibernate()
            throws Exception {
        InstanceSnapshot configured = TestEc2.take(inDefaultAccount(TestEc2.plainRunning()
                .and(InstanceSnapshot::hibernationConfigured)));
        InstanceSnapshot notConfigured = TestEc2.take(inDefaultAccount(TestEc2.plainRunning()
                .and(i -> !i.hibernationConfigured())));
        InstanceSnapshot ordinary = TestEc2.take(inDefaultAccount(TestEc2.plainRunning()));
        // names repeat across the fleet: each schedule targets its own instances by a tag of its own
        List<String> groups = List.of(tagged(List.of(configured, notConfigured)), tagged(List.of(ordinary)));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        String period = "{\"days\":[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\"],\"start\":\""
                + now.minus(Duration.ofMinutes(30)).atOffset(ZoneOffset.UTC).toLocalTime() + "\",\"stop\":\""
                + now.plus(Duration.ofMinutes(2)).atOffset(ZoneOffset.UTC).toLocalTime() + "\"}";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            var created = mvc.perform(postAs(scheduleAdmin, "/api/v1/schedules", "{\"name\":\"sleepy-" + i + "\",\"timeZone\":\"UTC\","
                            + "\"periods\":[" + period + "],\"hibernate\":" + (i == 0) + ",\"target\":{\"tags\":{\"Batch\":\""
                            + groups.get(i) + "\"}}}"))
                    .andExpect(status().isCreated()).andExpect(jsonPath("$.hibernate").value(i == 0)).andReturn();
            ids.add(JsonPath.read(created.getResponse().getContentAsString(), "$.id"));
        }

        clock.advance(Duration.ofMinutes(3));
        assertThat(schedules.runDue()).as("the refused instance does not keep the others from being stopped").isEqualTo(2);

        assertThat(stopParameters(configured)).containsEntry("Hibernate", "true");
        assertThat(stopParameters(ordinary)).doesNotContainKey("Hibernate");
        assertThat(TestEc2.get().instances(configured.region()).stream()
                .filter(i -> i.instanceId().equals(notConfigured.instanceId())).findFirst().orElseThrow().state())
                .as("EC2 refused to hibernate it, and did not stop it plainly either")
                .isEqualTo(com.ec2manager.localaws.ec2.InstanceState.RUNNING);
        List<AuditRecord> hibernating = audit.query(AuditQuery.byUser("schedule:" + ids.get(0))).records();
        assertThat(hibernating).filteredOn(r -> r.resourceId().equals(configured.instanceId())).singleElement()
                .satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
                    assertThat(r.details().extra()).containsEntry("hibernate", "true");
                });
        assertThat(hibernating).filteredOn(r -> r.resourceId().equals(notConfigured.instanceId())).singleElement()
                .satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo(AuditOutcome.FAILED);
                    assertThat(r.errorCode()).isEqualTo("UnsupportedHibernationConfiguration");
                    assertThat(r.errorMessage()).contains("not configured at launch for hibernation");
                    assertThat(r.details().extra()).containsEntry("schedule", "sleepy-0");
                });
    }

    @Test
    void anAutoScalingMemberIsNeverActedOnByASchedulesTransitionWhileThePlainInstanceBesideItIs() throws Exception {
        InstanceSnapshot plain = TestEc2.take(inDefaultAccount(TestEc2.plainRunning()));
        InstanceSnapshot member = TestEc2.take(inDefaultAccount(i -> i.state() == com.ec2manager.localaws.ec2.InstanceState.RUNNING
                && i.autoScalingGroup() != null && !i.disableApiStop()));
        String group = tagged(List.of(plain, member));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        scheduleTagged("grouped", now.minus(Duration.ofMinutes(30)), now.plus(Duration.ofMinutes(2)), "Batch", group);

        clock.advance(Duration.ofMinutes(3));

        assertThat(schedules.runDue()).isEqualTo(1);
        assertThat(calls("StopInstances", plain)).isEqualTo(1);
        assertThat(calls("StopInstances", member)).isZero();
    }

    private static java.util.Map<String, String> stopParameters(InstanceSnapshot target) {
        return TestEc2.get().calls().stream().filter(call -> call.operation().equals("StopInstances")
                && call.instanceIds().contains(target.instanceId())).findFirst().orElseThrow().parameters();
    }

    /** Instances of the emulator's default account (the one plain credentials tag in). */
    private static java.util.function.Predicate<InstanceSnapshot> inDefaultAccount(
            java.util.function.Predicate<InstanceSnapshot> condition) {
        java.util.Set<String> own = new java.util.HashSet<>();
        TestEc2.REGIONS.forEach(region -> TestEc2.get().instances(region).forEach(i -> own.add(i.instanceId())));
        return instance -> own.contains(instance.instanceId()) && condition.test(instance);
    }

    /** Tags the instances {@code Batch=<a new value>} in EC2 and lets the inventory read them; answers the value. */
    private String tagged(List<InstanceSnapshot> instances) {
        String value = "batch-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        for (InstanceSnapshot instance : instances) {
            try (var ec2 = software.amazon.awssdk.services.ec2.Ec2Client.builder()
                    .endpointOverride(TestEc2.get().endpoint())
                    .region(software.amazon.awssdk.regions.Region.of(instance.region()))
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDSCHEDULES", "secret")))
                    .build()) {
                ec2.createTags(r -> r.resources(instance.instanceId()).tags(t -> t.key("Batch").value(value)));
            }
        }
        clock.advance(Duration.ofSeconds(61));
        inventory.tick().join();
        return value;
    }

    /** One schedule in UTC, every day from {@code start} to {@code stop}, targeting instances tagged {@code key=value}. */
    private String scheduleTagged(String name, Instant start, Instant stop, String key, String value) throws Exception {
        String period = "{\"days\":[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\"],\"start\":\""
                + start.atOffset(ZoneOffset.UTC).toLocalTime() + "\",\"stop\":\"" + stop.atOffset(ZoneOffset.UTC).toLocalTime() + "\"}";
        String body = "{\"name\":\"" + name + "\",\"timeZone\":\"UTC\",\"periods\":[" + period + "],"
                + "\"target\":{\"tags\":{\"" + key + "\":\"" + value + "\"}}}";
        var result = mvc.perform(postAs(scheduleAdmin, "/api/v1/schedules", body)).andExpect(status().isCreated())
                .andReturn();
        return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
    }

    private static long calls(String operation, InstanceSnapshot target) {
        return TestEc2.get().calls().stream()
                .filter(call -> call.operation().equals(operation) && call.instanceIds().contains(target.instanceId()))
                .count();
    }
}
