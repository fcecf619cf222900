package com.ec2manager.identity;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.ec2manager.approvals.Approvals;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.localaws.testing.MutableClock;
import com.ec2manager.testing.MutableClockConfiguration;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Four eyes on user administration, through the JSON API and the pages against the Cognito
 * emulator: an admin's user action that a policy names is held (202, Cognito untouched) until
 * another admin approves it, then runs once through the audited path as the requester, its record
 * naming the approver. A policy on user actions holds them for every user, so each test deletes its
 * policies at once (the test classes of a run do not overlap).
 */
@SpringBootTest(properties = "ec2manager.audit.reconciler.enabled=false")
@AutoConfigureMockMvc
@Import(MutableClockConfiguration.class)
class UserActionApprovalsIT {

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        IdentityTestStack.register(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    AuditTrail audit;
    @Autowired
    Approvals approvals;
    @Autowired
    MutableClock clock;

    final CognitoIdentityProviderClient cognito = IdentityTestStack.cognito();
    private final Person policyAdmin = Person.admin();

    @AfterEach
    void deletePolicies() throws Exception {
        for (var policy : approvals.policies()) {
            mvc.perform(as(policyAdmin, delete("/api/v1/approval-policies/" + policy.id())))
                    .andExpect(status().isNoContent());
        }
    }

    @Test
    void aHeldDeletionLeavesCognitoAloneUntilAnotherAdminApprovesThenDeletesOnceNamingTheApprover() throws Exception {
        policy("{\"name\":\"deletions\",\"actions\":[\"delete-user\"]}");
        String target = IdentityTestStack.createReadonlyUser("held");
        String sub = IdentityTestStack.subOf(target);
        Person requester = Person.admin();
        Person approver = Person.admin();
        Person reader = Person.readonly();

        String id = held(mvc.perform(as(requester, delete("/api/v1/users/" + target))));
        assertThat(user(target).enabled()).as("Cognito is not called while the action waits").isTrue();
        mvc.perform(as(requester, get("/api/v1/approvals/" + id))).andExpect(jsonPath("$.action").value("DELETE_USER"))
                .andExpect(jsonPath("$.user.email").value(target)).andExpect(jsonPath("$.user.sub").value(sub))
                .andExpect(jsonPath("$.instances.length()").value(0));

        approve(requester, id).andExpect(status().isForbidden());
        approve(reader, id).andExpect(status().isForbidden());
        assertThat(user(target).enabled()).isTrue();
        approve(approver, id).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("EXECUTED"))
                .andExpect(jsonPath("$.succeeded").value(1));
        approve(Person.admin(), id).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("ApprovalDecided"));
        assertThatThrownBy(() -> user(target)).isInstanceOf(UserNotFoundException.class);
        mvc.perform(get("/approvals/" + id).with(requester.token()).accept(MediaType.TEXT_HTML)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Approved and done")));

        List<AuditRecord> byRequester = recordsOf(requester);
        assertThat(byRequester).filteredOn(r -> r.action() == AuditAction.DELETE_USER).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
            assertThat(r.resourceId()).isEqualTo(sub);
            assertThat(r.details().extra()).containsEntry("approvedBy", approver.email()).containsEntry("email", target);
        });
        assertThat(byRequester).filteredOn(r -> r.action() == AuditAction.REQUEST_APPROVAL).singleElement()
                .satisfies(r -> assertThat(r.details().extra()).containsEntry("userAction", "delete-user")
                        .containsEntry("email", target));
        assertThat(byRequester).filteredOn(r -> r.action() == AuditAction.APPROVE_REQUEST).singleElement()
                .satisfies(r -> assertThat(r.outcome()).as("approving one's own request").isEqualTo(AuditOutcome.DENIED));
        assertThat(recordsOf(reader)).extracting(AuditRecord::action, AuditRecord::outcome)
                .containsExactly(tuple(AuditAction.APPROVE_REQUEST, AuditOutcome.DENIED));
        assertThat(recordsOf(approver)).extracting(AuditRecord::action, AuditRecord::outcome)
                .containsExactly(tuple(AuditAction.APPROVE_REQUEST, AuditOutcome.SUCCEEDED));
    }

    @Test
    void aHeldCreationIsBoundToItsRoleAndCreatesTheUserWithThatRoleOnApproval() throws Exception {
        policy("{\"name\":\"new admins\",\"actions\":[\"create-user\"]}");
        Person requester = Person.admin();
        String email = "created-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        String id = held(mvc.perform(as(requester, post("/api/v1/users")).content("{\"givenName\":\"Held\","
                + "\"familyName\":\"Creation\",\"email\":\"" + email + "\",\"role\":\"admin\"}")));
        assertThatThrownBy(() -> user(email)).as("not created yet").isInstanceOf(UserNotFoundException.class);
        mvc.perform(as(requester, get("/api/v1/approvals/" + id))).andExpect(jsonPath("$.action").value("CREATE_USER"))
                .andExpect(jsonPath("$.user.parameters.role").value("admin"));

        Person approver = Person.admin();
        approve(approver, id).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("EXECUTED"));
        assertThat(user(email).userAttributes()).anySatisfy(a -> {
            assertThat(a.name()).isEqualTo("custom:role");
            assertThat(a.value()).isEqualTo("admin");
        });
        assertThat(recordsOf(requester)).filteredOn(r -> r.action() == AuditAction.CREATE_USER).singleElement()
                .satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
                    assertThat(r.details().extra()).containsEntry("role", "admin")
                            .containsEntry("approvedBy", approver.email());
                });
    }

    @Test
    void anApprovedActionOnAUserDeletedOrReplacedMeanwhileIsNotDoneAndSaysWhy() throws Exception {
        policy("{\"name\":\"disables\",\"actions\":[\"disable-user\"]}");
        Person requester = Person.admin();
        String gone = IdentityTestStack.createReadonlyUser("gone");
        String replaced = IdentityTestStack.createReadonlyUser("replaced");
        String goneRequest = held(mvc.perform(as(requester, post("/api/v1/users/" + gone + "/disable"))));
        String replacedRequest = held(mvc.perform(as(requester, post("/api/v1/users/" + replaced + "/disable"))));

        deleteDirectly(gone);
        deleteDirectly(replaced);
        recreate(replaced);

        approve(Person.admin(), goneRequest).andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("NOT_EXECUTED"))
                .andExpect(jsonPath("$.outcome").value(containsString(gone + " no longer exists")));
        approve(Person.admin(), replacedRequest).andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("NOT_EXECUTED"))
                .andExpect(jsonPath("$.outcome").value(containsString("deleted and created again")));
        assertThat(user(replaced).enabled()).as("the new user of that address is not disabled").isTrue();
        assertThat(recordsOf(requester)).extracting(AuditRecord::action)
                .containsOnly(AuditAction.REQUEST_APPROVAL);
    }

    @Test
    void anApprovedActionThatCognitoRefusesIsRunOnceAndRecordedFailedWithCognitosCode() throws Exception {
        policy("{\"name\":\"resets\",\"actions\":[\"reset-user-password\"]}");
        Person requester = Person.admin();
        // still on its temporary password: Cognito refuses to reset it
        String target = IdentityTestStack.createReadonlyUser("refused");
        String id = held(mvc.perform(as(requester, post("/api/v1/users/" + target + "/reset-password"))));

        Person approver = Person.admin();
        approve(approver, id).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("EXECUTED"))
                .andExpect(jsonPath("$.succeeded").value(0)).andExpect(jsonPath("$.failed").value(1))
                .andExpect(jsonPath("$.outcome").value(containsString("NotAuthorizedException")));
        assertThat(recordsOf(requester)).filteredOn(r -> r.action() == AuditAction.RESET_USER_PASSWORD).singleElement()
                .satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo(AuditOutcome.FAILED);
                    assertThat(r.errorCode()).isEqualTo("NotAuthorizedException");
                    assertThat(r.details().extra()).containsEntry("approvedBy", approver.email());
                });
        // the page does not call a refused run "done"
        mvc.perform(get("/approvals/" + id).with(requester.token()).accept(MediaType.TEXT_HTML)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Approved, refused")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("Approved and done"))));
    }

    @Test
    void aHeldPasswordResetNobodyApprovesInTimeExpiresAuditedAndThePageSaysItIsHeld() throws Exception {
        policy("{\"name\":\"resets\",\"actions\":[\"reset-user-password\"],\"expiresIn\":\"PT5M\"}");
        Person requester = Person.admin();
        String target = IdentityTestStack.createReadonlyUser("expiring");

        // the page's form: the person is taken to the request, which says nothing was done
        String page = mvc.perform(post("/users/" + target + "/reset-password").with(requester.token()).with(csrf())
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", org.hamcrest.Matchers.matchesPattern("/approvals/[0-9a-f-]+\\?notice=held")))
                .andReturn().getResponse().getHeader("Location");
        String id = page.replaceAll("/approvals/([0-9a-f-]+).*", "$1");
        mvc.perform(get(page).with(requester.token()).accept(MediaType.TEXT_HTML)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Nothing was done yet")))
                .andExpect(content().string(containsString("Reset user password " + target)));

        clock.advance(Duration.ofMinutes(6));
        approvals.expireOverdue(); // the scheduled pass may have closed it already; the state below is the proof
        approve(Person.admin(), id).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("ApprovalDecided"));
        mvc.perform(as(requester, get("/api/v1/approvals/" + id))).andExpect(jsonPath("$.state").value("EXPIRED"));
        assertThat(audit.query(AuditQuery.byUser("system:approvals").withLimit(1000)).records())
                .filteredOn(r -> id.equals(r.resourceId())).singleElement()
                .satisfies(r -> assertThat(r.action()).isEqualTo(AuditAction.EXPIRE_APPROVAL));
        assertThat(user(target).userStatusAsString()).as("password not reset").isEqualTo("FORCE_CHANGE_PASSWORD");
        assertThat(recordsOf(requester)).extracting(AuditRecord::action).containsOnly(AuditAction.REQUEST_APPROVAL);
    }

    @Test
    void aPolicyMixingUserActionsWithInstanceScopesIsRefusedSayingWhyAndThePolicyPageOffersTheUserActions()
            throws Exception {
        for (String mixed : List.of("{\"name\":\"x\",\"actions\":[\"terminate\",\"delete-user\"],\"tags\":{\"Env\":\"prod\"}}",
                "{\"name\":\"x\",\"actions\":[\"disable-user\"],\"regions\":[\"eu-west-1\"]}",
                "{\"name\":\"x\",\"actions\":[\"create-user\"],\"ticketPattern\":\"CHG-\\\\d+\"}")) {
            mvc.perform(as(policyAdmin, post("/api/v1/approval-policies")).content(mixed))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.detail").value(containsString("act on users")));
        }
        mvc.perform(as(policyAdmin, post("/api/v1/approval-policies")).content(
                        "{\"name\":\"x\",\"actions\":[\"demote-user\"]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value(containsString("delete-user")));
        assertThat(approvals.policies()).isEmpty();

        mvc.perform(as(policyAdmin, post("/api/v1/approval-policies")).content(
                        "{\"name\":\"both\",\"actions\":[\"terminate\",\"delete-user\"],\"approvals\":2}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.approvals").value(2))
                .andExpect(jsonPath("$.actions").value(org.hamcrest.Matchers.containsInAnyOrder("TERMINATE", "DELETE_USER")));
        mvc.perform(get("/approvals/policies").with(policyAdmin.token()).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"reset-user-password\"")))
                .andExpect(content().string(containsString("Delete user")))
                .andExpect(content().string(containsString("every instance and every user")));
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static MockHttpServletRequestBuilder as(Person person, MockHttpServletRequestBuilder request) {
        return request.with(person.token()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON).header("User-Agent", "UserActionApprovalsIT/1.0");
    }

    private void policy(String json) throws Exception {
        mvc.perform(as(policyAdmin, post("/api/v1/approval-policies")).content(json)).andExpect(status().isCreated());
    }

    /** The answer of a held action: 202 with the request; answers its id. */
    private static String held(ResultActions answer) throws Exception {
        String body = answer.andExpect(status().isAccepted())
                .andExpect(jsonPath("$.state").value("PENDING_APPROVAL"))
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/approvals/")))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.approvalId");
    }

    private ResultActions approve(Person person, String id) throws Exception {
        return mvc.perform(as(person, post("/api/v1/approvals/" + id + "/approve")).content("{\"comment\":\"ok\"}"));
    }

    private List<AuditRecord> recordsOf(Person person) {
        return audit.query(AuditQuery.byUser(person.userId()).withLimit(100)).records();
    }

    private AdminGetUserResponse user(String username) {
        return cognito.adminGetUser(b -> b.userPoolId(IdentityTestStack.userPoolId()).username(username));
    }

    private void deleteDirectly(String username) {
        cognito.adminDeleteUser(b -> b.userPoolId(IdentityTestStack.userPoolId()).username(username));
    }

    /** A new user (a new sub) under an address that belonged to a deleted one. */
    private void recreate(String email) {
        cognito.adminCreateUser(b -> b.userPoolId(IdentityTestStack.userPoolId()).username(email)
                .messageAction("SUPPRESS").temporaryPassword("Temporary-Pass-1!")
                .userAttributes(t -> t.name("email").value(email), t -> t.name("email_verified").value("true"),
                        t -> t.name("given_name").value("Someone"), t -> t.name("family_name").value("Else"),
                        t -> t.name("custom:role").value("readonly")));
    }
}
