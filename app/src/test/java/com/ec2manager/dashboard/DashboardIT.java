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
import com.ec2manager.testing.LocalStackTestBase;
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
class DashboardIT extends LocalStackTestBase {

    @Autowired
    MockMvc mvc;
    @Autowired
    AuditTrail audit;
    @Autowired
    MutableClock clock;
    @Autowired
    Inventory inventory;

    private final Ec2Emulator ec2 = TestLocalStack.get().ec2();

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

        List<DashboardController.MatrixRow> regions = matrix(model);
        // one row per account and region, each with that account's instances of the region
        Map<String, Long> expected = regions.stream().collect(Collectors.toMap(row -> row.accountId() + "/" + row.region(),
                row -> (long) ec2.instances(row.accountId(), row.region()).size()));
        assertThat(regions).isNotEmpty().allSatisfy(row -> assertThat(row.total())
                .isEqualTo(expected.get(row.accountId() + "/" + row.region())));
        long total = expected.values().stream().mapToLong(Long::longValue).sum();
        // the rows of an account follow each other; its first row counts them
        assertThat(regions.stream().mapToInt(DashboardController.MatrixRow::accountRows).sum()).isEqualTo(regions.size());
        assertThat(model.get("total")).isEqualTo(total);
        assertThat(bars(model, "stateBars").stream().mapToLong(DashboardController.Bar::count).sum()).isEqualTo(total);
        // only the states some instance is in, each with its count: no rows of zeros
        List<String> states = regions.stream().flatMap(row -> ec2.instances(row.region()).stream())
                .map(instance -> instance.state().wireName()).distinct().toList();
        assertThat(bars(model, "stateBars")).extracting(DashboardController.Bar::label)
                .containsExactlyInAnyOrderElementsOf(states);
        assertThat(bars(model, "stateBars")).allSatisfy(bar -> assertThat(bar.count()).isPositive());
        assertThat(model.get("matrixStates")).isEqualTo(bars(model, "stateBars").stream()
                .map(DashboardController.Bar::label).toList());
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
        List<DashboardController.IdleInstance> idle = (List<DashboardController.IdleInstance>) model.get("idle");
        assertThat(idle).isNotEmpty().allSatisfy(entry -> {
            assertThat(entry.instance().state()).isEqualTo(com.ec2manager.instances.InstanceState.RUNNING);
            assertThat(entry.instance().cpuAverage()).isLessThan(DashboardController.IDLE_CPU);
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
        assertThat(matrix(model)).extracting(DashboardController.MatrixRow::region).contains(broken, "us-east-1");
        assertThat(model).containsKey("recent").doesNotContainKey("activityFailure");
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
    private static List<DashboardController.Bar> bars(Map<String, Object> model, String name) {
        return (List<DashboardController.Bar>) model.get(name);
    }

    @SuppressWarnings("unchecked")
    private static List<DashboardController.MatrixRow> matrix(Map<String, Object> model) {
        return (List<DashboardController.MatrixRow>) model.get("matrix");
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
