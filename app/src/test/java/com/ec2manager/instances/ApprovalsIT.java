package com.ec2manager.instances;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.ec2manager.approvals.ApprovalRequest;
import com.ec2manager.approvals.Approvals;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Four eyes on instance actions (the approvals package), end to end through the JSON API against
 * the EC2 emulator: an admin's action that matches a policy is held (202, EC2 never called) until
 * other admins approve it, then runs once as the requester with its approvers in the record. Each
 * policy here names one instance by its Name tag, so that no other test's action is held; the
 * policies are deleted after each test.
 */
class ApprovalsIT extends SharedStackTestSupport {

    @Autowired
    Approvals approvals;
    @Autowired
    InstanceActions instanceActions;

    private final Caller policyAdmin = admin();

    @AfterEach
    void deletePolicies() throws Exception {
        for (var policy : approvals.policies()) {
            mvc.perform(delete("/api/v1/approval-policies/" + policy.id()).with(policyAdmin.token()).with(csrf()))
                    .andExpect(status().isNoContent());
        }
    }

    @Test
    void aHeldStopRunsOnceOnTheSecondOtherAdminsApprovalAsTheRequesterNamingTheApprovers() throws Exception {
        InstanceSnapshot target = TestEc2.take(TestEc2.plainRunning());
        policy("{\"name\":\"two eyes more\",\"actions\":[\"stop\"],\"tags\":{\"Name\":\"" + target.name()
                + "\"},\"approvals\":2}");
        Caller requester = admin();
        Caller first = admin();
        Caller second = admin();
        Caller reader = readonly();

        String id = held(requester, "/api/v1/instances/" + target.instanceId() + "/stop", body("planned maintenance"));
        assertThat(stopCalls(target)).as("EC2 is not called while the action waits").isZero();

        approve(requester, id).andExpect(status().isForbidden());
        approve(reader, id).andExpect(status().isForbidden());
        approve(first, id).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("PENDING_APPROVAL"))
                .andExpect(jsonPath("$.approvals.length()").value(1));
        approve(first, id).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("AlreadyApproved"));
        assertThat(stopCalls(target)).isZero();

        approve(second, id).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("EXECUTED"))
                .andExpect(jsonPath("$.succeeded").value(1));
        approve(reader, id).andExpect(status().isForbidden());
        approve(admin(), id).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("ApprovalDecided"));
        assertThat(stopCalls(target)).as("run exactly once").isEqualTo(1);

        List<AuditRecord> byRequester = recordsOf(requester);
        assertThat(byRequester).filteredOn(r -> r.action() == AuditAction.STOP_INSTANCE).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
            assertThat(r.resourceId()).isEqualTo(target.instanceId());
            assertThat(r.details().extra()).containsEntry("approvedBy", first.email() + "," + second.email());
        });
        assertThat(byRequester).filteredOn(r -> r.action() == AuditAction.REQUEST_APPROVAL).singleElement()
                .satisfies(r -> assertThat(r.details().extra()).containsEntry("instanceIds", target.instanceId()));
        assertThat(byRequester).filteredOn(r -> r.action() == AuditAction.APPROVE_REQUEST).singleElement()
                .satisfies(r -> assertThat(r.outcome()).as("approving one's own request").isEqualTo(AuditOutcome.DENIED));
        assertThat(recordsOf(reader)).extracting(AuditRecord::action, AuditRecord::outcome)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(AuditAction.APPROVE_REQUEST, AuditOutcome.DENIED));
        assertThat(recordsOf(second)).filteredOn(r -> r.action() == AuditAction.APPROVE_REQUEST)
                .extracting(AuditRecord::outcome).containsExactly(AuditOutcome.SUCCEEDED);
    }

    @Test
    void aRunCutShortIsClosedAsInterruptedAndTheRunThatEndsLateFindsItSoWithoutAServerError() throws Exception {
        InstanceSnapshot target = TestEc2.take(TestEc2.plainRunning());
        policy("{\"name\":\"cut short\",\"actions\":[\"stop\"],\"tags\":{\"Name\":\"" + target.name() + "\"}}");
        Caller requester = admin();
        Caller approver = admin();
        String id = held(requester, "/api/v1/instances/" + target.instanceId() + "/stop", body("kernel patch"));

        // EC2 holds the stop: the request stays EXECUTING as an application instance's stop would leave it
        java.util.concurrent.CountDownLatch stopArrived = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.function.Consumer<com.ec2manager.localaws.ec2.Ec2Call> hold = call -> {
            if (call.operation().equals("StopInstances") && call.instanceIds().contains(target.instanceId())) {
                stopArrived.countDown();
                try {
                    release.await(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        TestEc2.get().addCallListener(hold);
        try {
            var approving = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return approve(approver, id).andReturn().getResponse();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(stopArrived.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(approvals.request(id).state()).isEqualTo(ApprovalRequest.State.EXECUTING);

            clock.advance(Duration.ofMinutes(29));
            approvals.expireOverdue();
            assertThat(approvals.request(id).state()).as("still within interrupted-after").isEqualTo(ApprovalRequest.State.EXECUTING);
            clock.advance(Duration.ofMinutes(2));
            approvals.expireOverdue(); // the scheduled pass may have closed it already
            assertThat(approvals.request(id).state()).isEqualTo(ApprovalRequest.State.INTERRUPTED);
            assertThat(audit.query(AuditQuery.byUser("system:approvals")).records())
                    .filteredOn(r -> r.action() == AuditAction.INTERRUPT_APPROVAL && r.resourceId().equals(id))
                    .singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(AuditOutcome.SUCCEEDED));

            release.countDown();
            var answer = approving.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(answer.getStatus()).as(answer.getContentAsString()).isEqualTo(200);
            assertThat((String) JsonPath.read(answer.getContentAsString(), "$.state")).isEqualTo("INTERRUPTED");
        } finally {
            release.countDown();
            TestEc2.get().removeCallListener(hold);
        }
        // the stop itself was done and recorded as every approved action is
        assertThat(recordsOf(requester)).filteredOn(r -> r.action() == AuditAction.STOP_INSTANCE).singleElement()
                .satisfies(r -> assertThat(r.details().extra()).containsEntry("approvedBy", approver.email()));
        mvc.perform(getAs(approver, "/api/v1/approvals?state=interrupted")).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == '" + id + "')].state").value(org.hamcrest.Matchers.hasItem("INTERRUPTED")));
    }

    @Test
    void aRequestNobodyApprovesInTimeIsClosedAsExpiredAndCanNoLongerBeApproved() throws Exception {
        InstanceSnapshot target = TestEc2.take(TestEc2.plainRunning());
        policy("{\"name\":\"quick\",\"actions\":[\"reboot\"],\"tags\":{\"Name\":\"" + target.name()
                + "\"},\"expiresIn\":\"PT5M\"}");
        String id = held(admin(), "/api/v1/instances/" + target.instanceId() + "/reboot", body("patch"));

        // the pass closes whatever is overdue in the shared table (other classes' requests too, and the
        // scheduled pass may run first), so this request's own state is what is asserted
        clock.advance(Duration.ofMinutes(4));
        approvals.expireOverdue();
        assertThat(approvals.request(id).state()).isEqualTo(ApprovalRequest.State.PENDING_APPROVAL);
        clock.advance(Duration.ofMinutes(2));
        approvals.expireOverdue();
        assertThat(approvals.request(id).state()).isEqualTo(ApprovalRequest.State.EXPIRED);

        approve(admin(), id).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("ApprovalDecided"));
        mvc.perform(getAs(admin(), "/api/v1/approvals/" + id)).andExpect(jsonPath("$.state").value("EXPIRED"));
        assertThat(audit.query(AuditQuery.byUser("system:approvals").withLimit(1000)).records())
                .filteredOn(r -> id.equals(r.resourceId())).singleElement()
                .satisfies(r -> assertThat(r.action()).isEqualTo(AuditAction.EXPIRE_APPROVAL));
        assertThat(TestEc2.get().calls()).noneMatch(call -> call.instanceIds().contains(target.instanceId())
                && call.operation().equals("RebootInstances"));
    }

    @Test
    void aBulkActionIsHeldAsOneRequestAndARejectedOneIsNeverDone() throws Exception {
        List<InstanceSnapshot> targets = TestEc2.take(2, TestEc2.plainRunning());
        policy("{\"name\":\"first of two\",\"actions\":[\"stop\"],\"tags\":{\"Name\":\"" + targets.get(0).name() + "\"}}");
        Caller requester = admin();
        String id = held(requester, "/api/v1/instances/actions", "{\"action\":\"stop\",\"instanceIds\":[\""
                + targets.get(0).instanceId() + "\",\"" + targets.get(1).instanceId() + "\"],\"reason\":\"bulk\"}");
        mvc.perform(getAs(requester, "/api/v1/approvals/" + id))
                .andExpect(jsonPath("$.instances.length()").value(2));

        mvc.perform(postAs(admin(), "/api/v1/approvals/" + id + "/reject", "{\"comment\":\"not today\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("REJECTED"))
                .andExpect(jsonPath("$.decisionComment").value("not today"));
        approve(admin(), id).andExpect(status().isConflict());
        assertThat(stopCalls(targets.get(0)) + stopCalls(targets.get(1))).isZero();
    }

    @Test
    void aPolicyWithATicketPatternRefusesAReasonWithoutTheTicketAndHoldsOneWithIt() throws Exception {
        InstanceSnapshot target = TestEc2.take(TestEc2.plainRunning());
        policy("{\"name\":\"tickets\",\"actions\":[\"stop\"],\"tags\":{\"Name\":\"" + target.name()
                + "\"},\"ticketPattern\":\"CHG-\\\\d+\"}");
        mvc.perform(postAs(admin(), "/api/v1/instances/" + target.instanceId() + "/stop", body("no ticket")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers
                        .containsString("ticket reference")));
        held(admin(), "/api/v1/instances/" + target.instanceId() + "/stop", body("CHG-42 planned"));
        assertThat(stopCalls(target)).isZero();
    }

    @Test
    void onlyAdminsChangePoliciesEachChangeIsAuditedAndABadPolicyIs400() throws Exception {
        Caller reader = readonly();
        mvc.perform(postAs(reader, "/api/v1/approval-policies", "{\"name\":\"x\",\"actions\":[\"stop\"]}"))
                .andExpect(status().isForbidden());
        assertThat(recordsOf(reader)).extracting(AuditRecord::action, AuditRecord::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditAction.CREATE_APPROVAL_POLICY, AuditOutcome.DENIED));

        for (String bad : List.of("{\"name\":\"x\",\"actions\":[\"explode\"]}", "{\"name\":\"x\",\"actions\":[]}",
                "{\"name\":\"x\",\"actions\":[\"stop\"],\"approvals\":3}",
                "{\"name\":\"x\",\"actions\":[\"stop\"],\"expiresIn\":\"soon\"}",
                "{\"name\":\"x\",\"actions\":[\"stop\"],\"ticketPattern\":\"(\"}",
                "{\"name\":\"x\",\"actions\":[\"stop\"],\"accounts\":[\"12\"]}")) {
            mvc.perform(postAs(policyAdmin, "/api/v1/approval-policies", bad)).andExpect(status().isBadRequest());
        }
        assertThat(approvals.policies()).isEmpty();

        String id = JsonPath.read(policy("{\"name\":\"audited\",\"actions\":[\"terminate\"],\"tags\":{\"Environment\":"
                + "\"nowhere-" + policyAdmin.userId() + "\"}}").getResponse().getContentAsString(), "$.id");
        mvc.perform(put(policyAdmin, "/api/v1/approval-policies/" + id, "{\"name\":\"audited, renamed\",\"actions\":"
                + "[\"terminate\",\"stop\"],\"tags\":{\"Environment\":\"nowhere-" + policyAdmin.userId() + "\"}}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.name").value("audited, renamed"));
        assertThat(recordsOf(policyAdmin)).extracting(AuditRecord::action)
                .containsExactly(AuditAction.UPDATE_APPROVAL_POLICY, AuditAction.CREATE_APPROVAL_POLICY);
    }

    @Test
    void anApprovedActionWhoseInstancesMovedIsNotDoneAtAll() {
        InstanceSnapshot target = TestEc2.take(TestEc2.plainRunning());
        var requester = new com.ec2manager.identity.Operator("approved-" + target.instanceId(), "someone@example.com",
                java.util.Set.of(com.ec2manager.identity.Role.ADMIN));
        var elsewhere = Map.of(target.instanceId(), new ActionGate.Place(TestEc2.DEFAULT_ACCOUNT,
                target.region().equals("us-east-1") ? "eu-west-1" : "us-east-1"));
        assertThatThrownBy(() -> instanceActions.performApproved(requester, new com.ec2manager.web.Caller("127.0.0.1",
                "test", "req-moved"), InstanceAction.STOP, elsewhere, new ActionRequest("approved", false), List.of("a@example.com")))
                .isInstanceOf(InstanceSetChangedException.class).hasMessageContaining(target.instanceId());
        assertThat(stopCalls(target)).isZero();
        assertThat(audit.query(AuditQuery.byUser(requester.userId())).records()).isEmpty();
    }

    @Test
    void thePagesShowTheQueueTheRequestWithItsFormsAndThePoliciesAndAFormApprovalRedirects() throws Exception {
        InstanceSnapshot target = TestEc2.take(TestEc2.plainRunning());
        policy("{\"name\":\"page policy\",\"actions\":[\"reboot\"],\"tags\":{\"Name\":\"" + target.name() + "\"}}");
        Caller requester = admin();
        String id = held(requester, "/api/v1/instances/" + target.instanceId() + "/reboot", body("page check"));
        Caller approver = admin();

        mvc.perform(page(approver, "/approvals")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/approvals/" + id)))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Waiting for approval")));
        mvc.perform(page(approver, "/approvals/" + id + "?notice=held")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Nothing was done yet")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/approvals/" + id + "/approve")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(target.instanceId())));
        mvc.perform(page(requester, "/approvals/" + id)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("you cannot approve it")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                        "/approvals/" + id + "/approve"))));
        mvc.perform(page(approver, "/approvals/policies")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("page policy")));
        mvc.perform(page(approver, "/approvals/not-an-id")).andExpect(status().isNotFound());

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/approvals/" + id + "/approve")
                        .with(approver.token()).with(csrf()).param("comment", "fine"))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", "/approvals/" + id + "?notice=ran"));
        mvc.perform(page(approver, "/approvals/" + id + "?notice=ran")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("1 of 1 instances acted on")));
    }

    // --- helpers ----------------------------------------------------------------------------------

    private MvcResult policy(String json) throws Exception {
        return mvc.perform(postAs(policyAdmin, "/api/v1/approval-policies", json)).andExpect(status().isCreated())
                .andReturn();
    }

    /** Sends an action that a policy holds; answers the approval request's id. */
    private String held(Caller caller, String path, String json) throws Exception {
        MvcResult result = mvc.perform(postAs(caller, path, json)).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.state").value(ApprovalRequest.State.PENDING_APPROVAL.name()))
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/approvals/")))
                .andReturn();
        return JsonPath.read(result.getResponse().getContentAsString(), "$.approvalId");
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder page(Caller caller, String path) {
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path).with(caller.token())
                .accept(org.springframework.http.MediaType.TEXT_HTML);
    }

    private org.springframework.test.web.servlet.ResultActions approve(Caller caller, String id) throws Exception {
        return mvc.perform(postAs(caller, "/api/v1/approvals/" + id + "/approve", "{\"comment\":\"ok\"}"));
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder put(Caller caller, String path,
                                                                                           String json) {
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(path).with(caller.token())
                .with(csrf()).contentType(org.springframework.http.MediaType.APPLICATION_JSON).content(json);
    }

    private static long stopCalls(InstanceSnapshot target) {
        return TestEc2.get().calls().stream()
                .filter(call -> call.operation().equals("StopInstances") && call.instanceIds().contains(target.instanceId()))
                .count();
    }
}
