package com.ec2manager.instances;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.time.Duration;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.localaws.ec2.Ec2Call;
import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.localaws.ec2.InstanceState;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The action path against DynamoDB Local and the EC2 emulator, through the JSON API. */
class InstanceActionPathIT extends SharedStackTestSupport {

    @Autowired
    InstancePendingJudge judge;
    @Autowired
    software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb;

    private final List<Consumer<Ec2Call>> listeners = new CopyOnWriteArrayList<>();

    @AfterEach
    void removeListeners() {
        listeners.forEach(TestEc2.get()::removeCallListener);
    }

    @Test
    void thePendingRecordExistsBeforeEc2SeesTheCall() throws Exception {
        Caller admin = admin();
        InstanceSnapshot target = TestEc2.take(TestEc2.plainRunning());
        List<List<AuditRecord>> seenByEc2 = new CopyOnWriteArrayList<>();
        listen(call -> {
            if (call.operation().equals("StopInstances") && call.instanceIds().contains(target.instanceId())) {
                seenByEc2.add(audit.query(AuditQuery.byResource(target.instanceId())).records());
            }
        });

        mvc.perform(postAs(admin, "/api/v1/instances/" + target.instanceId() + "/stop", body("before the call")))
                .andExpect(status().isOk());

        assertThat(seenByEc2).singleElement().satisfies(records -> assertThat(records).singleElement()
                .satisfies(record -> {
                    assertThat(record.outcome()).isEqualTo(AuditOutcome.PENDING);
                    assertThat(record.action()).isEqualTo(AuditAction.STOP_INSTANCE);
                    assertThat(record.userId()).isEqualTo(admin.userId());
                }));
    }

    @Test
    void aSucceededActionLeavesExactlyOneCompletedRecordWithEc2sRequestId() throws Exception {
        Caller admin = admin();
        InstanceSnapshot target = TestEc2.take(TestEc2.plainRunning());
        TestEc2.get().clearCalls();

        String response = mvc.perform(postAs(admin, "/api/v1/instances/" + target.instanceId() + "/stop",
                        body("Scheduled maintenance")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.previousState").value("running"))
                .andExpect(jsonPath("$.currentState").value("stopping"))
                .andExpect(jsonPath("$.region").value(target.region()))
                .andReturn().getResponse().getContentAsString();

        Ec2Call stop = TestEc2.get().calls().stream()
                .filter(call -> call.operation().equals("StopInstances") && call.instanceIds().contains(target.instanceId()))
                .findFirst().orElseThrow();
        assertThat((String) JsonPath.read(response, "$.awsRequestId")).isEqualTo(stop.requestId());
        assertThat(recordsOf(admin)).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
            assertThat(record.action()).isEqualTo(AuditAction.STOP_INSTANCE);
            assertThat(record.resourceType()).isEqualTo(ResourceType.EC2_INSTANCE);
            assertThat(record.resourceId()).isEqualTo(target.instanceId());
            assertThat(record.userEmail()).isEqualTo(admin.email());
            assertThat(record.details().instanceType()).isEqualTo(target.instanceType());
            assertThat(record.details().previousState()).isEqualTo("running");
            assertThat(record.details().region()).isEqualTo(target.region());
            assertThat(record.details().reason()).isEqualTo("Scheduled maintenance");
            assertThat(record.newState()).isEqualTo("stopping");
            assertThat(record.awsRequestId()).isEqualTo(stop.requestId());
            assertThat(record.userAgent()).isEqualTo("InstancesIT/1.0");
        });
    }

    @Test
    void everyEc2RequestNamesTheOperatorInItsUserAgent() throws Exception {
        Caller admin = admin();
        InstanceSnapshot target = TestEc2.take(TestEc2.plainRunning());
        List<Ec2Call> calls = new CopyOnWriteArrayList<>();
        listen(call -> {
            if (call.userAgent().contains(admin.email())) {
                calls.add(call);
            }
        });

        mvc.perform(getAs(admin, "/api/v1/instances/" + target.instanceId())).andExpect(status().isOk());
        mvc.perform(postAs(admin, "/api/v1/instances/" + target.instanceId() + "/reboot", body("hung")))
                .andExpect(status().isOk());

        // the instance comes from the inventory: only the protection is read from EC2
        assertThat(calls).extracting(Ec2Call::operation)
                .contains("DescribeInstanceAttribute", "RebootInstances").doesNotContain("DescribeInstances");
        assertThat(calls).allSatisfy(call ->
                assertThat(call.userAgent()).contains("ec2-manager/user:" + admin.email()));
        // the action itself is made in the operator's own session, its source identity naming them
        assertThat(calls).filteredOn(Ec2Call::mutating).extracting(Ec2Call::sourceIdentity).containsOnly(admin.email());
    }

    @Test
    void anIllegalStateIsAConflictAuditedAsFailedWithEc2sCode() throws Exception {
        Caller admin = admin();
        InstanceSnapshot target = TestEc2.take(TestEc2.plainRunning());
        mvc.perform(postAs(admin, "/api/v1/instances/" + target.instanceId() + "/terminate", body("decommission")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.currentState").value("shutting-down"));

        mvc.perform(postAs(admin, "/api/v1/instances/" + target.instanceId() + "/start", body("oops")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("IncorrectInstanceState"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(target.instanceId())));

        List<AuditRecord> records = recordsOf(admin);
        assertThat(records).hasSize(2);
        assertThat(records).filteredOn(record -> record.action() == AuditAction.START_INSTANCE).singleElement()
                .satisfies(record -> {
                    assertThat(record.outcome()).isEqualTo(AuditOutcome.FAILED);
                    assertThat(record.errorCode()).isEqualTo("IncorrectInstanceState");
                    assertThat(record.errorMessage()).contains(target.instanceId());
                    assertThat(record.awsRequestId()).isNotBlank();
                });
        assertThat(records).filteredOn(record -> record.action() == AuditAction.TERMINATE_INSTANCE).singleElement()
                .extracting(AuditRecord::outcome).isEqualTo(AuditOutcome.SUCCEEDED);
    }

    @Test
    void hibernatingAnInstanceNotConfiguredForItIsAConflictAuditedAsFailedAndAConfiguredOneHibernates() throws Exception {
        Caller admin = admin();
        InstanceSnapshot plain = TestEc2.take(TestEc2.plainRunning().and(i -> !i.hibernationConfigured()));
        InstanceSnapshot configured = TestEc2.take(TestEc2.plainRunning().and(InstanceSnapshot::hibernationConfigured));
        String hibernate = "{\"reason\":\"overnight\",\"hibernate\":true}";

        mvc.perform(postAs(admin, "/api/v1/instances/" + plain.instanceId() + "/stop", hibernate))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("UnsupportedHibernationConfiguration"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("not configured at launch")));
        mvc.perform(postAs(admin, "/api/v1/instances/" + configured.instanceId() + "/stop", hibernate))
                .andExpect(status().isOk()).andExpect(jsonPath("$.currentState").value("stopping"));

        assertThat(recordsOf(admin)).filteredOn(r -> r.resourceId().equals(plain.instanceId())).singleElement()
                .satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo(AuditOutcome.FAILED);
                    assertThat(r.errorCode()).isEqualTo("UnsupportedHibernationConfiguration");
                });
        assertThat(recordsOf(admin)).filteredOn(r -> r.resourceId().equals(configured.instanceId()))
                .extracting(AuditRecord::outcome).containsExactly(AuditOutcome.SUCCEEDED);
    }

    @Test
    void aTerminationProtectedInstanceIsRefusedWithoutATerminateCall() throws Exception {
        Caller admin = admin();
        InstanceSnapshot target = TestEc2.take(i -> i.disableApiTermination() && i.autoScalingGroup() == null);
        TestEc2.get().clearCalls();

        mvc.perform(postAs(admin, "/api/v1/instances/" + target.instanceId() + "/terminate", body("cleanup")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("OperationNotPermitted"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("termination protection")));

        assertThat(TestEc2.get().calls()).noneMatch(call -> call.operation().equals("TerminateInstances"));
        assertThat(recordsOf(admin)).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(record.errorCode()).isEqualTo("OperationNotPermitted");
        });
    }

    @Test
    void anAutoScalingMemberNeedsAnExplicitConfirmation() throws Exception {
        Caller admin = admin();
        InstanceSnapshot target = TestEc2.take(i -> i.autoScalingGroup() != null
                && i.state() == com.ec2manager.localaws.ec2.InstanceState.RUNNING);
        String path = "/api/v1/instances/" + target.instanceId() + "/reboot";

        mvc.perform(postAs(admin, path, body("patch")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("AutoScalingConfirmationRequired"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(target.autoScalingGroup())));
        mvc.perform(postAs(admin, path, "{\"reason\":\"patch\",\"confirmAutoScaling\":true}"))
                .andExpect(status().isOk());

        assertThat(recordsOf(admin)).hasSize(2).extracting(AuditRecord::outcome)
                .containsExactlyInAnyOrder(AuditOutcome.FAILED, AuditOutcome.SUCCEEDED);
        assertThat(recordsOf(admin)).filteredOn(r -> r.outcome() == AuditOutcome.FAILED).singleElement()
                .extracting(AuditRecord::errorCode).isEqualTo("AutoScalingConfirmationRequired");
    }

    @Test
    void anUnknownInstanceIsNotFoundAndLeavesNoRecord() throws Exception {
        Caller admin = admin();

        mvc.perform(getAs(admin, "/api/v1/instances/i-00000000000dead00"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("InvalidInstanceID.NotFound"));
        mvc.perform(postAs(admin, "/api/v1/instances/i-00000000000dead00/stop", body("x")))
                .andExpect(status().isNotFound());

        assertThat(recordsOf(admin)).isEmpty();
    }

    @Test
    void aBulkActionRecordsAnInstanceItCannotFindAsFailedAndItsResultPageListsIt() throws Exception {
        Caller admin = admin();
        InstanceSnapshot known = TestEc2.take(TestEc2.plainRunning());
        String unknown = "i-00000000000beef00";

        String response = mvc.perform(postAs(admin, "/api/v1/instances/actions", "{\"action\":\"reboot\",\"instanceIds\":[\""
                        + known.instanceId() + "\",\"" + unknown + "\"],\"reason\":\"patch night\"}"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat((List<String>) JsonPath.read(response, "$.items[?(@.outcome == 'FAILED')].instanceId")).containsExactly(unknown);
        List<AuditRecord> records = recordsOf(admin);
        assertThat(records).extracting(AuditRecord::resourceId).containsExactlyInAnyOrder(known.instanceId(), unknown);
        assertThat(records).filteredOn(r -> r.resourceId().equals(unknown)).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(r.errorCode()).isEqualTo("InvalidInstanceID.NotFound");
            assertThat(r.details().reason()).isEqualTo("patch night");
        });
        assertThat(records).filteredOn(r -> r.resourceId().equals(known.instanceId())).singleElement()
                .extracting(AuditRecord::outcome).isEqualTo(AuditOutcome.SUCCEEDED);

        // the result page reads the request's records back: both instances are on it, the unknown one failed
        String requestId = records.get(0).requestId();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/instances/actions/result")
                        .param("action", "reboot").param("request", requestId).param("since", "0")
                        .with(admin.token()).accept(org.springframework.http.MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString(known.instanceId()),
                                org.hamcrest.Matchers.containsString(unknown),
                                org.hamcrest.Matchers.containsString("InvalidInstanceID.NotFound"))));
    }

    @Test
    void aBulkStopOfAHundredInstancesLeavesAHundredRecords() throws Exception {
        Caller admin = admin();
        // instances at rest, so that each one's expected outcome is known before the request
        List<InstanceSnapshot> targets = TestEc2.take(100, instance -> instance.state() == InstanceState.RUNNING
                || instance.state() == InstanceState.STOPPED || instance.state() == InstanceState.TERMINATED);
        String ids = String.join(",", targets.stream().map(i -> "\"" + i.instanceId() + "\"").toList());

        String response = mvc.perform(postAs(admin, "/api/v1/instances/actions",
                        "{\"action\":\"stop\",\"instanceIds\":[" + ids + "],\"reason\":\"weekend\",\"confirmAutoScaling\":true}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(100))
                .andReturn().getResponse().getContentAsString();

        List<AuditRecord> records = recordsOf(admin);
        assertThat(records).hasSize(100);
        assertThat(records).extracting(AuditRecord::resourceId)
                .containsExactlyInAnyOrderElementsOf(targets.stream().map(InstanceSnapshot::instanceId).toList());
        // stop protection and a terminated instance refuse; stopping a running or stopped one succeeds
        Map<String, AuditOutcome> expected = targets.stream().collect(java.util.stream.Collectors.toMap(
                InstanceSnapshot::instanceId, instance -> instance.disableApiStop()
                        || instance.state() == InstanceState.TERMINATED ? AuditOutcome.FAILED : AuditOutcome.SUCCEEDED));
        assertThat(records).allSatisfy(record -> {
            assertThat(record.action()).isEqualTo(AuditAction.STOP_INSTANCE);
            assertThat(record.outcome()).as(record.resourceId()).isEqualTo(expected.get(record.resourceId()));
        });
        // The protected ones are refused, each on its own; the answer says which.
        long protectedCount = targets.stream().filter(InstanceSnapshot::disableApiStop).count();
        assertThat(records).filteredOn(r -> "OperationNotPermitted".equals(r.errorCode())).hasSize((int) protectedCount);
        int failed = JsonPath.read(response, "$.failed");
        int succeeded = JsonPath.read(response, "$.succeeded");
        assertThat(succeeded + failed).isEqualTo(100);
        assertThat(failed).isEqualTo(records.stream().filter(r -> r.outcome() == AuditOutcome.FAILED).count());
    }

    @Test
    void theReconcilerInfersAnOrphanedPendingRecordsOutcomeFromTheInstancesState() {
        var reconciler = com.ec2manager.testing.TestReconcilers.create(audit, dynamoDb, clock, judge);
        InstanceSnapshot running = TestEc2.take(TestEc2.plainRunning());
        Caller admin = admin();
        AuditActor actor = new AuditActor(admin.userId(), admin.email(), "127.0.0.1", "crash-test");
        // Intents written as a crash would leave them: PENDING, and EC2 never called.
        AuditRecord start = audit.begin(new AuditIntent(actor, AuditAction.START_INSTANCE, ResourceType.EC2_INSTANCE,
                running.instanceId(), AuditDetails.ofInstance(running.instanceType(), "stopped", running.region(), "r"),
                "req-crash-1"));
        AuditRecord stop = audit.begin(new AuditIntent(actor, AuditAction.STOP_INSTANCE, ResourceType.EC2_INSTANCE,
                running.instanceId(), AuditDetails.ofInstance(running.instanceType(), "running", running.region(), "r"),
                "req-crash-2"));
        AuditRecord gone = audit.begin(new AuditIntent(actor, AuditAction.STOP_INSTANCE, ResourceType.EC2_INSTANCE,
                "i-0000000000000beef", AuditDetails.ofInstance("t3.micro", "running", "eu-west-1", "r"), "req-crash-3"));

        reconciler.reconcile();
        assertThat(audit.query(AuditQuery.byUser(admin.userId())).records())
                .as("within the grace period a request may still be in flight")
                .allSatisfy(record -> assertThat(record.outcome()).isEqualTo(AuditOutcome.PENDING));

        clock.advance(Duration.ofMinutes(3));
        reconciler.reconcile();

        List<AuditRecord> settled = recordsOf(admin);
        assertThat(settled).hasSize(3);
        assertThat(settled).filteredOn(r -> r.key().equals(start.key())).singleElement().satisfies(r -> {
            // EC2 never saw this start: the instance was running anyway, and the record says it was inferred
            assertThat(r.outcome()).isEqualTo(AuditOutcome.INFERRED);
            assertThat(r.inference()).startsWith("PROBABLY_PERFORMED");
            assertThat(r.newState()).isEqualTo("running");
            assertThat(r.completedAt()).isEqualTo(clock.instant());
        });
        assertThat(settled).filteredOn(r -> r.key().equals(stop.key())).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(AuditOutcome.INFERRED);
            assertThat(r.inference()).startsWith("PROBABLY_NOT_PERFORMED").contains("running");
        });
        assertThat(settled).filteredOn(r -> r.key().equals(gone.key())).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(AuditOutcome.INFERRED);
            assertThat(r.inference()).startsWith("UNDETERMINED").contains("no longer exists");
        });
    }

    private void listen(Consumer<Ec2Call> listener) {
        listeners.add(listener);
        TestEc2.get().addCallListener(listener);
    }
}
