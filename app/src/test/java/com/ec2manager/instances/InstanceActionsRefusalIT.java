package com.ec2manager.instances;

import java.util.List;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Requests refused before any EC2 call: denials (audited) and bad input (not audited). */
class InstanceActionsRefusalIT extends SharedStackTestSupport {

    private static final String ID = "i-0123456789abcdef0";

    @Test
    void aReadonlyOperatorIsRefusedAndTheDenialIsAuditedOnce() throws Exception {
        Caller reader = readonly();

        mvc.perform(postAs(reader, "/api/v1/instances/" + ID + "/stop", body("nightly shutdown")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("AccessDenied"))
                .andExpect(jsonPath("$.requestId").isNotEmpty());

        List<AuditRecord> records = recordsOf(reader);
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(record.action()).isEqualTo(AuditAction.STOP_INSTANCE);
            assertThat(record.resourceId()).isEqualTo(ID);
            assertThat(record.userEmail()).isEqualTo(reader.email());
            assertThat(record.details().reason()).isEqualTo("nightly shutdown");
            assertThat(record.userAgent()).isEqualTo("InstancesIT/1.0");
            assertThat(record.ipAddress()).isNotBlank();
            assertThat(record.requestId()).isNotBlank();
        });
    }

    @Test
    void aReadonlyOperatorIsDeniedEvenWithInvalidInputBecauseAuthorizationComesFirst() throws Exception {
        Caller reader = readonly();

        mvc.perform(postAs(reader, "/api/v1/instances/" + ID + "/terminate", body(null)))
                .andExpect(status().isForbidden());

        assertThat(recordsOf(reader)).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(record.action()).isEqualTo(AuditAction.TERMINATE_INSTANCE);
        });
    }

    @Test
    void aDeniedBulkActionLeavesOneRecordListingItsInstances() throws Exception {
        Caller reader = readonly();

        mvc.perform(postAs(reader, "/api/v1/instances/actions", """
                {"action":"reboot","instanceIds":["i-0123456789abcdef0","i-0123456789abcdef1","i-0123456789abcdef0"],
                 "reason":"patching"}"""))
                .andExpect(status().isForbidden());

        assertThat(recordsOf(reader)).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(record.action()).isEqualTo(AuditAction.REBOOT_INSTANCE);
            assertThat(record.resourceId()).isEqualTo("bulk:2");
            assertThat(record.details().extra()).containsEntry("resourceIds", "i-0123456789abcdef0,i-0123456789abcdef1")
                    .containsEntry("resourceCount", "2");
            assertThat(record.details().reason()).isEqualTo("patching");
        });
    }

    @Test
    void aDeniedBulkActionOfManyInstancesListsAtMostFiftyOfThemAndCountsAll() throws Exception {
        Caller reader = readonly();
        String ids = java.util.stream.IntStream.range(0, 120).mapToObj(i -> String.format("\"i-%017x\"", i))
                .collect(java.util.stream.Collectors.joining(","));

        mvc.perform(postAs(reader, "/api/v1/instances/actions",
                        "{\"action\":\"stop\",\"instanceIds\":[" + ids + "],\"reason\":\"tidy up\"}"))
                .andExpect(status().isForbidden());

        assertThat(recordsOf(reader)).singleElement().satisfies(record -> {
            assertThat(record.details().extra().get("resourceIds").split(",")).hasSize(50);
            assertThat(record.details().extra()).containsEntry("resourceCount", "120");
        });
    }

    @Test
    void aMissingOrBlankOrLongReasonIsABadRequestWithoutARecord() throws Exception {
        Caller admin = admin();

        mvc.perform(postAs(admin, "/api/v1/instances/" + ID + "/stop", body(null)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("InvalidActionRequest"))
                .andExpect(jsonPath("$.detail").value("reason: a reason is required"));
        mvc.perform(postAs(admin, "/api/v1/instances/" + ID + "/stop", body("   ")))
                .andExpect(status().isBadRequest());
        mvc.perform(postAs(admin, "/api/v1/instances/" + ID + "/stop", body("x".repeat(501))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("reason: the reason may be at most 500 characters"));
        mvc.perform(postAs(admin, "/api/v1/instances/" + ID + "/stop", ""))
                .andExpect(status().isBadRequest());

        assertThat(recordsOf(admin)).isEmpty();
    }

    @Test
    void aMalformedIdIsABadRequest() throws Exception {
        Caller admin = admin();

        mvc.perform(postAs(admin, "/api/v1/instances/i-nothex/start", body("go")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("InvalidInstanceID.Malformed"));
        mvc.perform(getAs(admin, "/api/v1/instances/not-an-id"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("InvalidInstanceID.Malformed"));

        assertThat(recordsOf(admin)).isEmpty();
    }

    @Test
    void anUnknownActionIsNotFoundRatherThanAServerError() throws Exception {
        Caller admin = admin();

        mvc.perform(postAs(admin, "/api/v1/instances/" + ID + "/hibernate", body("go")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("UnknownAction"));
        mvc.perform(postAs(admin, "/api/v1/instances/actions", """
                {"action":"explode","instanceIds":["i-0123456789abcdef0"],"reason":"go"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("InvalidActionRequest"));
    }

    @Test
    void aBulkActionOverTheLimitOrWithMalformedIdsIsABadRequest() throws Exception {
        Caller admin = admin();
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 201; i++) {
            ids.append(i == 0 ? "" : ",").append('"').append(String.format("i-%017x", i)).append('"');
        }

        mvc.perform(postAs(admin, "/api/v1/instances/actions",
                        "{\"action\":\"stop\",\"instanceIds\":[" + ids + "],\"reason\":\"go\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("at most 200 instances per bulk action, not 201"));
        mvc.perform(postAs(admin, "/api/v1/instances/actions",
                        "{\"action\":\"stop\",\"instanceIds\":[\"i-0123456789abcdef0\",\"bad\",null],\"reason\":\"go\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("InvalidInstanceID.Malformed"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("'bad', null are not instance ids")));
        mvc.perform(postAs(admin, "/api/v1/instances/actions", "{\"action\":\"stop\",\"instanceIds\":[],\"reason\":\"go\"}"))
                .andExpect(status().isBadRequest());

        assertThat(recordsOf(admin)).isEmpty();
    }

    @Test
    void anUnknownSortOrderIsABadRequest() throws Exception {
        mvc.perform(getAs(admin(), "/api/v1/instances?sort=owner"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("InvalidQuery"));
    }
}
