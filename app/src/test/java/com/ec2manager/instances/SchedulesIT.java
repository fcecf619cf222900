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
        InstanceSnapshot target = TestEc2.take(TestEc2.plainRunning());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        String id = schedule("race", now.minus(Duration.ofMinutes(30)), now.plus(Duration.ofMinutes(2)), target.name());

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
    }

    @Test
    void anOverrideSparesItsInstanceFromTheStopThatTakesTheOtherSchedulesInstance() throws Exception {
        List<InstanceSnapshot> targets = TestEc2.take(2, TestEc2.plainRunning());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        String id = schedule("spare", now.minus(Duration.ofMinutes(30)), now.plus(Duration.ofMinutes(2)),
                targets.get(0).name(), targets.get(1).name());
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

    /** A schedule in UTC, every day from {@code start} to {@code stop}, targeting instances by Name; answers its id. */
    private String schedule(String name, Instant start, Instant stop, String... names) throws Exception {
        String period = "{\"days\":[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\"],\"start\":\""
                + start.atOffset(ZoneOffset.UTC).toLocalTime() + "\",\"stop\":\"" + stop.atOffset(ZoneOffset.UTC).toLocalTime() + "\"}";
        List<String> ids = new ArrayList<>();
        for (String instanceName : names) {
            String body = "{\"name\":\"" + name + (ids.isEmpty() ? "" : "-" + ids.size()) + "\",\"timeZone\":\"UTC\","
                    + "\"periods\":[" + period + "],\"target\":{\"tags\":{\"Name\":\"" + instanceName + "\"}}}";
            var result = mvc.perform(postAs(scheduleAdmin, "/api/v1/schedules", body)).andExpect(status().isCreated())
                    .andReturn();
            ids.add(JsonPath.read(result.getResponse().getContentAsString(), "$.id"));
        }
        return ids.get(0);
    }

    private static long calls(String operation, InstanceSnapshot target) {
        return TestEc2.get().calls().stream()
                .filter(call -> call.operation().equals(operation) && call.instanceIds().contains(target.instanceId()))
                .count();
    }
}
