package com.ec2manager.dashboard;

import com.ec2manager.instances.Inventory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.localaws.ec2.Ec2Emulator;
import com.ec2manager.instances.Freshness;
import com.ec2manager.localaws.ec2.Ec2Fault;
import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.localaws.testing.MutableClock;
import com.ec2manager.testing.MutableClockConfiguration;
import com.ec2manager.testing.SignedInAs;
import com.ec2manager.testing.TestLocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The dashboard against the local stack: the fleet's counts are EC2's, the recent activity and
 * the actions that need attention are the audit trail's, and a failing region does not hide the rest.
 * The clock stands far in the future (beyond every other test's window), so that this test's records are the newest in the shared table.
 */
@SpringBootTest(properties = {"ec2manager.audit.reconciler.enabled=false",
        // the test reads the inventory itself (tick), on its clock
        "ec2manager.inventory.enabled=false"})
@AutoConfigureMockMvc
@Import(MutableClockConfiguration.class)
class DashboardIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    AuditTrail audit;
    @Autowired
    MutableClock clock;
    @Autowired
    Inventory inventory;

    @Autowired
    AuditPanels panels;
    @Autowired
    software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb;
    @Autowired
    com.ec2manager.audit.AuditProperties auditProperties;
    @Autowired
    com.ec2manager.audit.AuditCursorCodec cursors;

    private final Ec2Emulator ec2 = TestLocalStack.get().ec2();

    /** The panels are kept until the table changes; another instance's changes arrive through this instance's tail of the stream. */
    @DynamicPropertySource
    static void tailTheStream(DynamicPropertyRegistry registry) {
        TestLocalStack.register(registry);
        registry.add("ec2manager.live-feed.enabled", () -> "true");
        registry.add("ec2manager.live-feed.poll-interval", () -> "200ms");
    }

    @BeforeEach
    void farFuture() {
        clock.set(Instant.parse("2150-03-01T12:00:00Z").plusSeconds(UUID.randomUUID().hashCode() & 0xffff));
        inventory.tick().join();
    }

    @AfterEach
    void healRegions() {
        ec2.clearFaults();
    }

    @Test
    void theFleetPanelsCountWhatEc2HoldsByStateAndByRegion() throws Exception {
        Map<String, Object> model = dashboard();

        List<FleetFigures.MatrixRow> regions = matrix(model);
        // one row per account and region, each with that account's instances of the region
        Map<String, Long> expected = regions.stream().collect(Collectors.toMap(row -> row.accountId() + "/" + row.region(),
                row -> (long) ec2.instances(row.accountId(), row.region()).size()));
        assertThat(regions).isNotEmpty().allSatisfy(row -> assertThat(row.total())
                .isEqualTo(expected.get(row.accountId() + "/" + row.region())));
        long total = expected.values().stream().mapToLong(Long::longValue).sum();
        // the rows of an account follow each other; its first row counts them
        assertThat(regions.stream().mapToInt(FleetFigures.MatrixRow::accountRows).sum()).isEqualTo(regions.size());
        assertThat(model.get("total")).isEqualTo(total);
        assertThat(bars(model, "stateBars").stream().mapToLong(FleetFigures.Bar::count).sum()).isEqualTo(total);
        // only the states some instance is in, each with its count: no rows of zeros
        List<String> states = regions.stream().flatMap(row -> ec2.instances(row.region()).stream())
                .map(instance -> instance.state().wireName()).distinct().toList();
        assertThat(bars(model, "stateBars")).extracting(FleetFigures.Bar::label)
                .containsExactlyInAnyOrderElementsOf(states);
        assertThat(bars(model, "stateBars")).allSatisfy(bar -> assertThat(bar.count()).isPositive());
        assertThat(model.get("matrixStates")).isEqualTo(bars(model, "stateBars").stream()
                .map(FleetFigures.Bar::label).toList());
    }

    @Test
    void idleRunningInstancesAreTheRunningOnesUnderFivePercentCpuIdlestFirst() throws Exception {
        // the averages are read in the background from the CloudWatch stand-in
        Map<String, Object> model = dashboard();
        long until = System.currentTimeMillis() + 40_000;
        while (((List<?>) model.get("idle")).isEmpty() && System.currentTimeMillis() < until) {
            Thread.sleep(500);
            model = dashboard();
        }
        @SuppressWarnings("unchecked")
        List<FleetFigures.IdleInstance> idle = (List<FleetFigures.IdleInstance>) model.get("idle");
        assertThat(idle).isNotEmpty().allSatisfy(entry -> {
            assertThat(entry.instance().state()).isEqualTo(com.ec2manager.instances.InstanceState.RUNNING);
            assertThat(entry.instance().cpuAverage()).isLessThan(FleetFigures.IDLE_CPU);
        });
        assertThat(idle).extracting(entry -> entry.instance().cpuAverage()).isSortedAccordingTo(Double::compare);
        assertThat((Long) model.get("idleCount")).isGreaterThanOrEqualTo(idle.size());
        // a busy production server is running too, and is not called idle
        List<String> idleIds = idle.stream().map(entry -> entry.instance().id()).toList();
        assertThat(ec2.instances("us-east-1").stream().filter(i -> i.state() == com.ec2manager.localaws.ec2.InstanceState.RUNNING
                && "production".equals(i.tags().get("Environment"))).map(i -> i.instanceId())).isNotEmpty()
                .noneMatch(idleIds::contains);
    }

    @Test
    void recentActivityShowsTheNewestRecordsAndAttentionTheFailedAndPendingOnes() throws Exception {
        String marker = "dash-" + UUID.randomUUID();
        AuditRecord pending = audit.begin(intent(marker + "-pending"));
        clock.advance(java.time.Duration.ofSeconds(1));
        AuditRecord failed = audit.begin(intent(marker + "-failed"));
        audit.complete(failed.key(), AuditResult.failed("IncorrectInstanceState", "not running", null));
        clock.advance(java.time.Duration.ofSeconds(1));
        AuditRecord done = audit.begin(intent(marker + "-done"));
        audit.complete(done.key(), AuditResult.succeeded("stopping", null));
        clock.advance(java.time.Duration.ofSeconds(1));
        audit.record(intent(marker + "-denied"), AuditResult.denied("readonly"));

        MvcResult page = mvc.perform(get("/").with(SignedInAs.operator("u-dash", "dash@example.com", "readonly"))
                .accept(MediaType.TEXT_HTML)).andExpect(status().isOk()).andReturn();
        Map<String, Object> model = page.getModelAndView().getModel();

        assertThat(records(model, "recent")).extracting(AuditRecord::resourceId).startsWith(
                marker + "-denied", marker + "-done", marker + "-failed", marker + "-pending");
        assertThat(records(model, "attention")).extracting(AuditRecord::resourceId)
                .contains(marker + "-denied", marker + "-failed", marker + "-pending").doesNotContain(marker + "-done");
        assertThat(page.getResponse().getContentAsString()).contains("Dashboard", marker + "-done");
    }

    @Test
    void theAuditPanelsAreKeptWhileNothingChangesAndReadAgainAfterThisInstanceWrites() {
        AuditPanels.Panels first = panels.current();
        // nothing written since: the same reading, no query
        assertThat(panels.current()).isSameAs(first);

        String marker = "dash-kept-" + UUID.randomUUID();
        clock.advance(java.time.Duration.ofSeconds(1));
        audit.record(intent(marker), AuditResult.denied("readonly"));

        AuditPanels.Panels after = panels.current();
        assertThat(after).isNotSameAs(first);
        assertThat(after.recent()).extracting(AuditRecord::resourceId).first().isEqualTo(marker);
        assertThat(after.attention()).extracting(AuditRecord::resourceId).contains(marker);
        assertThat(first.recent()).extracting(AuditRecord::resourceId).doesNotContain(marker);
    }

    @Test
    void aRecordAnotherInstanceWritesReachesThePanelsThroughTheStream() throws Exception {
        AuditPanels.Panels first = panels.current();
        // another application instance: its own audit trail on the same table, whose writes this one does not count
        AuditTrail otherInstance = new AuditTrail(dynamoDb, auditProperties, clock, cursors);
        String marker = "dash-other-" + UUID.randomUUID();
        clock.advance(java.time.Duration.ofSeconds(1));
        otherInstance.record(intent(marker), AuditResult.denied("readonly"));
        assertThat(audit.writeCount()).as("this instance wrote nothing").isEqualTo(first.readWhen().writes());

        long until = System.currentTimeMillis() + 20_000;
        List<AuditRecord> recent = panels.current().recent();
        while (recent.stream().noneMatch(r -> marker.equals(r.resourceId())) && System.currentTimeMillis() < until) {
            Thread.sleep(100);
            recent = panels.current().recent();
        }
        assertThat(recent).extracting(AuditRecord::resourceId).contains(marker);
        assertThat(first.recent()).extracting(AuditRecord::resourceId).doesNotContain(marker);
    }

    @Test
    void todaysColumnIsCountedAgainOnlyAfterAChangeAndSaysWhenItWasCounted() throws Exception {
        // mid-morning of a day of its own, so that the seconds below stay within it
        clock.set(Instant.parse("2150-03-05T10:00:00Z").plusSeconds(UUID.randomUUID().hashCode() & 0xfff));
        Map<String, Object> before = activityChart();
        Instant countedAt = (Instant) before.get("todayCountedAt");
        long today = today(before);
        assertThat(countedAt).isEqualTo(clock.instant());

        clock.advance(java.time.Duration.ofSeconds(1));
        // nothing changed: kept, and it says when it was counted
        assertThat(activityChart().get("todayCountedAt")).isEqualTo(countedAt);

        audit.record(intent("dash-today-" + UUID.randomUUID()), AuditResult.denied("readonly"));
        Map<String, Object> soon = activityChart();
        assertThat(soon.get("todayCountedAt")).as("counted again at most every today-reuse").isEqualTo(countedAt);
        assertThat(today(soon)).isEqualTo(today);

        clock.advance(java.time.Duration.ofSeconds(15));
        Map<String, Object> later = activityChart();
        assertThat(later.get("todayCountedAt")).isEqualTo(clock.instant());
        assertThat(today(later)).isEqualTo(today + 1);
    }

    @Test
    void aFailingRegionIsNamedWhileTheOtherPanelsStillShow() throws Exception {
        String broken = "ap-southeast-2"; // in the default account only
        assertThat(freshness(dashboard())).isNotEmpty().allMatch(f -> f.status() == Freshness.Status.FRESH);
        ec2.failRegion(broken, Ec2Fault.unavailable());
        // past any earlier test's clock (each starts at a random offset of up to 18 h): every read is due
        clock.advance(java.time.Duration.ofDays(1));
        inventory.tick().join();

        Map<String, Object> model = dashboard();

        // the failing one is stale with its error, every other account-region still fresh
        assertThat(freshness(model)).filteredOn(f -> f.status() != Freshness.Status.FRESH).singleElement().satisfies(f -> {
            assertThat(f.region()).isEqualTo(broken);
            assertThat(f.status()).isEqualTo(Freshness.Status.STALE);
            assertThat(f.errorCode()).isEqualTo("Unavailable");
        });
        // its instances are still counted, as last read; the other regions show too
        assertThat(matrix(model)).extracting(FleetFigures.MatrixRow::region).contains(broken, "us-east-1");
        assertThat(model).containsKey("recent").doesNotContainKey("activityFailure");
    }

    private Map<String, Object> activityChart() throws Exception {
        return mvc.perform(get("/dashboard/activity").with(SignedInAs.operator("u-dash", "dash@example.com", "readonly"))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk()).andReturn().getModelAndView().getModel();
    }

    private static long today(Map<String, Object> chartModel) {
        List<DailyActivity.Day> days = ((ActivityChart) chartModel.get("chart")).days();
        return days.get(days.size() - 1).total();
    }

    private Map<String, Object> dashboard() throws Exception {
        return mvc.perform(get("/").with(SignedInAs.operator("u-dash", "dash@example.com", "readonly"))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk()).andReturn().getModelAndView().getModel();
    }

    @SuppressWarnings("unchecked")
    private static List<Freshness> freshness(Map<String, Object> model) {
        return (List<Freshness>) model.get("freshness");
    }

    @SuppressWarnings("unchecked")
    private static List<FleetFigures.Bar> bars(Map<String, Object> model, String name) {
        return (List<FleetFigures.Bar>) model.get(name);
    }

    @SuppressWarnings("unchecked")
    private static List<FleetFigures.MatrixRow> matrix(Map<String, Object> model) {
        return (List<FleetFigures.MatrixRow>) model.get("matrix");
    }

    @SuppressWarnings("unchecked")
    private static List<AuditRecord> records(Map<String, Object> model, String name) {
        return (List<AuditRecord>) model.get(name);
    }

    private static AuditIntent intent(String instanceId) {
        return new AuditIntent(new AuditActor("u-dash-writer", "writer@example.com", "127.0.0.1", "DashboardIT"),
                AuditAction.STOP_INSTANCE, ResourceType.EC2_INSTANCE, instanceId,
                AuditDetails.ofInstance("t3.micro", "running", "us-east-1", "dashboard test"), "req-" + UUID.randomUUID());
    }
}
