package com.ec2manager.instances;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.ec2manager.action.PendingJudge;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.testing.TestReconcilers;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Schedule changes and approval steps whose write to our own tables did not answer (or whose
 * application stopped before the record was completed) are left PENDING; the one reconciler settles
 * them from the table with the owning feature's judge — INFERRED, performed or not — and never
 * leaves them PENDING. Each PENDING record is the real record of a real change (its details name
 * the version the write creates and the change's own time), written again as if its completion had
 * been lost; or one whose write never landed. Schedule overrides are judged from the overrides item
 * the same way.
 */
class ConfigurationPendingJudgesIT extends SharedStackTestSupport {

    @Autowired
    List<PendingJudge> judges;
    @Autowired
    DynamoDbClient dynamoDb;
    @Autowired
    com.ec2manager.schedules.Schedules schedules;
    @Autowired
    com.ec2manager.approvals.Approvals approvals;

    private final Caller admin = admin();

    @AfterEach
    void cleanUp() throws Exception {
        for (var schedule : schedules.schedules()) {
            mvc.perform(delete("/api/v1/schedules/" + schedule.id()).with(admin.token()).with(csrf()));
        }
        for (var policy : approvals.policies()) {
            mvc.perform(delete("/api/v1/approval-policies/" + policy.id()).with(admin.token()).with(csrf()));
        }
    }

    @Test
    void scheduleChangesLeftPendingAreSettledFromTheSchedulesTable() throws Exception {
        var created = mvc.perform(postAs(admin, "/api/v1/schedules", "{\"name\":\"judged\",\"timeZone\":\"UTC\","
                        + "\"periods\":[{\"days\":[\"MON\"],\"start\":\"08:00\",\"stop\":\"18:00\"}],"
                        + "\"target\":{\"tags\":{\"Judged\":\"yes\"}}}"))
                .andExpect(status().isCreated()).andReturn();
        String id = JsonPath.read(created.getResponse().getContentAsString(), "$.id");
        AuditRecord creation = only(AuditAction.CREATE_SCHEDULE);
        assertThat(creation.details().extra()).containsKeys("writesVersion", "changedAt");
        long version = Long.parseLong(creation.details().extra().get("writesVersion"));

        // the creation's write landed but its completion was lost
        AuditRecord landed = audit.begin(creation.intent());
        // an update whose write never reached the table: the item is still below the version it would write
        AuditRecord neverWritten = audit.begin(changed(creation.intent(), AuditAction.UPDATE_SCHEDULE,
                version + 1000, "2031-01-01T00:00:00Z"));
        // an update that lost the race for its version to the creation
        AuditRecord lostRace = audit.begin(changed(creation.intent(), AuditAction.UPDATE_SCHEDULE, version,
                "2031-01-01T00:00:00Z"));
        // a deletion whose write never landed: the schedule is still there
        AuditRecord notDeleted = audit.begin(changed(creation.intent(), AuditAction.DELETE_SCHEDULE, version + 1, null));

        reconcilePastGrace(ResourceType.SCHEDULE);

        assertThat(reread(landed)).satisfies(inferred("PROBABLY_PERFORMED", "the change is in the schedules item"));
        assertThat(reread(neverWritten)).satisfies(inferred("PROBABLY_NOT_PERFORMED", "before the version"));
        assertThat(reread(lostRace)).satisfies(inferred("PROBABLY_NOT_PERFORMED", "another change wrote version"));
        assertThat(reread(notDeleted)).satisfies(inferred("PROBABLY_NOT_PERFORMED", "the schedule still exists"));

        mvc.perform(delete("/api/v1/schedules/" + id).with(admin.token()).with(csrf())).andExpect(status().isNoContent());
        AuditRecord deleted = audit.begin(only(AuditAction.DELETE_SCHEDULE).intent());
        reconcilePastGrace(ResourceType.SCHEDULE);
        assertThat(reread(deleted)).satisfies(inferred("PROBABLY_PERFORMED", "no longer exists"));
    }

    @Test
    void scheduleOverridesLeftPendingAreSettledFromTheOverridesItem() throws Exception {
        InstanceSnapshot target = TestEc2.take(TestEc2.plainRunning());
        var created = mvc.perform(postAs(admin, "/api/v1/schedules", "{\"name\":\"judged-override\",\"timeZone\":\"UTC\","
                        + "\"periods\":[{\"days\":[\"MON\"],\"start\":\"08:00\",\"stop\":\"18:00\"}],"
                        + "\"target\":{\"tags\":{\"Name\":\"" + target.name() + "\"}}}"))
                .andExpect(status().isCreated()).andReturn();
        String id = JsonPath.read(created.getResponse().getContentAsString(), "$.id");
        AuditRecord kept = override(id, target, "RUNNING");
        assertThat(kept.details().extra()).containsEntry("instanceId", target.instanceId())
                .containsKeys("writesVersion", "changedAt");
        long version = Long.parseLong(kept.details().extra().get("writesVersion"));
        String at = kept.details().extra().get("changedAt");

        // the override's write landed but its completion was lost
        AuditRecord landed = audit.begin(kept.intent());
        // an override whose write never reached the item: it is still below the version the write would create
        AuditRecord neverWritten = audit.begin(overrideWith(kept.intent(), version + 1000, "2031-01-01T00:00:00Z"));
        // an override that lost the race for its version to the one that landed
        AuditRecord lostRace = audit.begin(overrideWith(kept.intent(), version, "2031-01-01T00:00:00Z"));
        // the landed override's own time and version, but for another instance: not the override in the item
        AuditRecord otherInstance = audit.begin(withExtra(kept.intent(), "instanceId", "i-0judgedelsewhere0"));
        // a record from before the version was recorded, whose override is not in the item
        AuditRecord unversioned = audit.begin(withExtra(overrideWith(kept.intent(), version, "2031-01-01T00:00:00Z"),
                "writesVersion", null));

        reconcilePastGrace(ResourceType.SCHEDULE);

        assertThat(reread(landed)).satisfies(inferred("PROBABLY_PERFORMED", "the change is in the schedule overrides item"));
        assertThat(reread(landed).newState()).isEqualTo("kept RUNNING");
        assertThat(reread(neverWritten)).satisfies(inferred("PROBABLY_NOT_PERFORMED",
                "before the version " + (version + 1000)));
        assertThat(reread(lostRace)).satisfies(inferred("PROBABLY_NOT_PERFORMED", "another change wrote version " + version));
        assertThat(reread(otherInstance)).satisfies(inferred("PROBABLY_NOT_PERFORMED", "another change wrote version"));
        assertThat(reread(unversioned)).satisfies(inferred("UNDETERMINED", "does not say which version"));

        // a second override of the same instance replaces the first in the item
        AuditRecord stopped = override(id, target, "STOPPED");
        assertThat(Long.parseLong(stopped.details().extra().get("writesVersion"))).isGreaterThan(version);
        assertThat(stopped.details().extra().get("changedAt")).isNotEqualTo(at);
        AuditRecord replaced = audit.begin(kept.intent());
        AuditRecord replacing = audit.begin(stopped.intent());

        reconcilePastGrace(ResourceType.SCHEDULE);

        assertThat(reread(replaced)).satisfies(inferred("UNDETERMINED", "a later change may have replaced it"));
        assertThat(reread(replacing)).satisfies(inferred("PROBABLY_PERFORMED", "the schedule overrides item"));
        assertThat(reread(replacing).newState()).isEqualTo("kept STOPPED");
    }

    @Test
    void approvalStepsAndPolicyChangesLeftPendingAreSettledFromTheApprovalsTable() throws Exception {
        InstanceSnapshot target = TestEc2.take(TestEc2.plainRunning());
        mvc.perform(postAs(admin, "/api/v1/approval-policies", "{\"name\":\"judged\",\"actions\":[\"reboot\"],"
                + "\"tags\":{\"Name\":\"" + target.name() + "\"},\"approvals\":2}")).andExpect(status().isCreated());
        AuditRecord policy = only(AuditAction.CREATE_APPROVAL_POLICY);
        assertThat(policy.details().extra()).containsKeys("writesVersion", "changedAt");

        Caller requester = admin();
        Caller approver = admin();
        var held = mvc.perform(postAs(requester, "/api/v1/instances/" + target.instanceId() + "/reboot",
                body("judged"))).andExpect(status().isAccepted()).andReturn();
        String requestId = JsonPath.read(held.getResponse().getContentAsString(), "$.approvalId");
        mvc.perform(postAs(approver, "/api/v1/approvals/" + requestId + "/approve", "{\"comment\":\"ok\"}"))
                .andExpect(status().isOk());
        AuditRecord request = recordsOf(requester).stream().filter(r -> r.action() == AuditAction.REQUEST_APPROVAL)
                .findFirst().orElseThrow();
        AuditRecord approval = recordsOf(approver).stream().filter(r -> r.action() == AuditAction.APPROVE_REQUEST)
                .findFirst().orElseThrow();
        long approvedVersion = Long.parseLong(approval.details().extra().get("writesVersion"));

        // the policy's, the request's and the approval's writes landed, their completions were lost
        AuditRecord policyLanded = audit.begin(policy.intent());
        AuditRecord requestLanded = audit.begin(request.intent());
        AuditRecord approvalLanded = audit.begin(approval.intent());
        // a policy change that never reached the table
        AuditRecord policyNeverWritten = audit.begin(changed(policy.intent(), AuditAction.UPDATE_APPROVAL_POLICY,
                Long.parseLong(policy.details().extra().get("writesVersion")) + 1000, "2031-01-01T00:00:00Z"));
        // the requester's rejection, which lost the race for the version to the approval
        AuditRecord rejectionLost = audit.begin(asRequester(changed(approval.intent(), AuditAction.REJECT_REQUEST,
                approvedVersion, null), requester));

        reconcilePastGrace(ResourceType.APPROVAL_POLICY, ResourceType.APPROVAL_REQUEST);

        assertThat(reread(policyLanded)).satisfies(inferred("PROBABLY_PERFORMED", "approval policies item"));
        assertThat(reread(requestLanded)).satisfies(inferred("PROBABLY_PERFORMED", "approval request " + requestId));
        assertThat(reread(approvalLanded)).satisfies(inferred("PROBABLY_PERFORMED", "approval request " + requestId));
        assertThat(reread(approvalLanded).newState()).isEqualTo("PENDING_APPROVAL");
        assertThat(reread(policyNeverWritten)).satisfies(inferred("PROBABLY_NOT_PERFORMED", "before the version"));
        assertThat(reread(rejectionLost)).satisfies(inferred("PROBABLY_NOT_PERFORMED", "another change wrote version"));
    }

    // ---

    /** The one reconciler with the application's judges of these resources only (other tests' records are theirs). */
    private void reconcilePastGrace(ResourceType... types) {
        Set<ResourceType> owned = Set.of(types);
        PendingJudge scoped = new PendingJudge() {
            @Override
            public boolean owns(AuditRecord record) {
                return owned.contains(record.resourceType()) && judges.stream().anyMatch(j -> j.owns(record));
            }

            @Override
            public AuditResult judge(AuditRecord record) {
                return judges.stream().filter(j -> j.owns(record)).findFirst().orElseThrow().judge(record);
            }

            @Override
            public java.time.Duration callTimeout() {
                return java.time.Duration.ofSeconds(5);
            }
        };
        clock.advance(TestReconcilers.GRACE.plusSeconds(1));
        TestReconcilers.create(audit, dynamoDb, clock, scoped).reconcile();
    }

    /** Overrides the schedule for the instance (until a day ahead) and answers the override's own record. */
    private AuditRecord override(String scheduleId, InstanceSnapshot instance, String keep) throws Exception {
        mvc.perform(postAs(admin, "/api/v1/schedules/" + scheduleId + "/overrides", "{\"instanceId\":\""
                        + instance.instanceId() + "\",\"keep\":\"" + keep + "\",\"until\":\""
                        + clock.instant().plus(java.time.Duration.ofDays(1)) + "\"}"))
                .andExpect(status().isCreated());
        return recordsOf(admin).stream().filter(r -> r.action() == AuditAction.OVERRIDE_SCHEDULE
                && r.outcome() == AuditOutcome.SUCCEEDED && keep.equals(r.details().extra().get("keep")))
                .findFirst().orElseThrow();
    }

    private AuditRecord only(AuditAction action) {
        return recordsOf(admin).stream().filter(r -> r.action() == action && r.outcome() == AuditOutcome.SUCCEEDED)
                .findFirst().orElseThrow();
    }

    private AuditRecord reread(AuditRecord record) {
        return audit.query(com.ec2manager.audit.AuditQuery.byUser(record.userId()).withLimit(1000)).records().stream()
                .filter(r -> r.key().equals(record.key())).findFirst().orElseThrow();
    }

    private static java.util.function.Consumer<AuditRecord> inferred(String conclusion, String basis) {
        return record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.INFERRED);
            assertThat(record.inference()).startsWith(conclusion).contains(basis);
        };
    }

    /** The intent as another action on the same resource, writing {@code version}, with {@code changedAt}. */
    private static AuditIntent changed(AuditIntent intent, AuditAction action, long version, String changedAt) {
        Map<String, String> extra = new LinkedHashMap<>(intent.details().extra());
        extra.put("writesVersion", Long.toString(version));
        if (changedAt == null) {
            extra.remove("changedAt");
        } else {
            extra.put("changedAt", changedAt);
        }
        AuditDetails details = intent.details();
        return new AuditIntent(intent.actor(), action, intent.resourceType(), intent.resourceId(),
                new AuditDetails(details.instanceType(), details.previousState(), details.region(), details.reason(),
                        extra), intent.requestId() + "-" + action, intent.clientRequestId());
    }

    /** The override's intent writing {@code version} at {@code changedAt} (a change of its own). */
    private static AuditIntent overrideWith(AuditIntent intent, long version, String changedAt) {
        return changed(intent, AuditAction.OVERRIDE_SCHEDULE, version, changedAt);
    }

    /** The intent with one detail replaced ({@code null}: removed). */
    private static AuditIntent withExtra(AuditIntent intent, String key, String value) {
        Map<String, String> extra = new LinkedHashMap<>(intent.details().extra());
        if (value == null) {
            extra.remove(key);
        } else {
            extra.put(key, value);
        }
        AuditDetails details = intent.details();
        return new AuditIntent(intent.actor(), intent.action(), intent.resourceType(), intent.resourceId(),
                new AuditDetails(details.instanceType(), details.previousState(), details.region(), details.reason(),
                        extra), intent.requestId() + "-" + key, intent.clientRequestId());
    }

    private static AuditIntent asRequester(AuditIntent intent, Caller requester) {
        return new AuditIntent(new com.ec2manager.audit.AuditActor(requester.userId(), requester.email(),
                intent.actor().ipAddress(), intent.actor().userAgent()), intent.action(), intent.resourceType(),
                intent.resourceId(), intent.details(), intent.requestId(), intent.clientRequestId());
    }
}
