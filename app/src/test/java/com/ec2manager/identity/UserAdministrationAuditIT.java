package com.ec2manager.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.testing.RestartableDynamoDbLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The action path's audit invariants for user administration, through the JSON API against the
 * Cognito emulator and a DynamoDB Local of this test's own: no Cognito change without its audit
 * record written first (DynamoDB stopped → 503, the users as they were), and exactly one record
 * per accepted, failed or denied request.
 */
@SpringBootTest(properties = {
        "ec2manager.audit.reconciler.enabled=false"
})
@AutoConfigureMockMvc
class UserAdministrationAuditIT {

    private static final RestartableDynamoDbLocal dynamoDb = RestartableDynamoDbLocal.start();

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        IdentityTestStack.register(registry);
        // after the shared stack's settings, so that this DynamoDB is the one used
        registry.add("ec2manager.aws.endpoints.dynamodb", () -> dynamoDb.endpoint().toString());
    }

    @AfterAll
    static void stopDynamoDb() {
        dynamoDb.close();
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    AuditTrail audit;

    final CognitoIdentityProviderClient cognito = IdentityTestStack.cognito();

    @Test
    void withDynamoDbStoppedAdministrationAnswers503AndCognitoIsLeftAsItWas() throws Exception {
        Person admin = Person.admin();
        String enabled = IdentityTestStack.createReadonlyUser("audit");
        String disabled = IdentityTestStack.createReadonlyUser("audit");
        cognito.adminDisableUser(b -> b.userPoolId(IdentityTestStack.userPoolId()).username(disabled));
        String newcomer = email();

        dynamoDb.stop();
        try {
            // the approval policies live in the same DynamoDB and are read before the audit record is
            // written: an action that might need four eyes is not done while they cannot be read
            mvc.perform(as(admin, post("/api/v1/users")).content(newUser(newcomer)))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.code").value("ApprovalsUnavailable"))
                    .andExpect(jsonPath("$.requestId").isNotEmpty());
            mvc.perform(as(admin, post("/api/v1/users/" + enabled + "/disable"))).andExpect(status().isServiceUnavailable());
            mvc.perform(as(admin, post("/api/v1/users/" + enabled + "/reset-password"))).andExpect(status().isServiceUnavailable());
            mvc.perform(as(admin, delete("/api/v1/users/" + enabled))).andExpect(status().isServiceUnavailable());
            mvc.perform(as(admin, post("/api/v1/users/" + disabled + "/enable"))).andExpect(status().isServiceUnavailable());

            assertThatThrownBy(() -> user(newcomer)).as("not created").isInstanceOf(UserNotFoundException.class);
            AdminGetUserResponse untouched = user(enabled);
            assertThat(untouched.enabled()).as("not disabled, not deleted").isTrue();
            assertThat(untouched.userStatusAsString()).as("password not reset").isEqualTo("FORCE_CHANGE_PASSWORD");
            assertThat(user(disabled).enabled()).as("not enabled").isFalse();
        } finally {
            dynamoDb.restart();
        }
        assertThat(recordsOf(admin)).isEmpty();
    }

    @Test
    void everyAdministrationRequestAcceptedFailedOrDeniedLeavesExactlyOneRecord() throws Exception {
        Person admin = Person.admin();
        Person reader = Person.readonly();
        String email = email();
        List<String> adminRequests = new ArrayList<>();

        adminRequests.add(requestId(mvc.perform(as(admin, post("/api/v1/users")).content(newUser(email)))
                .andExpect(status().isCreated()).andReturn()));
        adminRequests.add(requestId(mvc.perform(as(admin, post("/api/v1/users")).content(newUser(email)))
                .andExpect(status().isConflict()).andReturn()));
        for (String action : List.of("disable", "enable")) {
            adminRequests.add(requestId(mvc.perform(as(admin, post("/api/v1/users/" + email + "/" + action)))
                    .andExpect(status().isNoContent()).andReturn()));
        }
        // Cognito refuses to reset a temporary password: a failed request, answered 409 with Cognito's code
        adminRequests.add(requestId(mvc.perform(as(admin, post("/api/v1/users/" + email + "/reset-password")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("NotAuthorizedException")).andReturn()));
        String denied = requestId(mvc.perform(as(reader, delete("/api/v1/users/" + email)))
                .andExpect(status().isForbidden()).andReturn());
        adminRequests.add(requestId(mvc.perform(as(admin, delete("/api/v1/users/" + email)))
                .andExpect(status().isNoContent()).andReturn()));

        List<AuditRecord> records = recordsOf(admin);
        assertThat(records).extracting(AuditRecord::requestId).containsExactlyInAnyOrderElementsOf(adminRequests);
        assertThat(records).allSatisfy(record -> {
            assertThat(record.resourceType()).isEqualTo(ResourceType.USER);
            assertThat(record.outcome().isFinal()).isTrue();
        });
        List<AuditRecord> oldestFirst = new ArrayList<>(records);
        java.util.Collections.reverse(oldestFirst);
        assertThat(oldestFirst).extracting(AuditRecord::action, AuditRecord::outcome).containsExactly(
                tuple(AuditAction.CREATE_USER, AuditOutcome.SUCCEEDED),
                tuple(AuditAction.CREATE_USER, AuditOutcome.FAILED),
                tuple(AuditAction.DISABLE_USER, AuditOutcome.SUCCEEDED),
                tuple(AuditAction.ENABLE_USER, AuditOutcome.SUCCEEDED),
                tuple(AuditAction.RESET_USER_PASSWORD, AuditOutcome.FAILED),
                tuple(AuditAction.DELETE_USER, AuditOutcome.SUCCEEDED));
        // the service's own codes: what Cognito said, not our name for it
        assertThat(oldestFirst.get(1).errorCode()).isEqualTo("UsernameExistsException");
        assertThat(oldestFirst.get(4).errorCode()).isEqualTo("NotAuthorizedException");

        assertThat(recordsOf(reader)).singleElement().satisfies(record -> {
            assertThat(record.action()).isEqualTo(AuditAction.DELETE_USER);
            assertThat(record.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(record.requestId()).isEqualTo(denied);
        });
        assertThatThrownBy(() -> user(email)).isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void theAuditLogFilteredByADeletedPersonsAddressStillFindsWhatTheyDid() throws Exception {
        Person admin = Person.admin();
        String email = email();
        mvc.perform(as(admin, post("/api/v1/users")).content(newUser(email))).andExpect(status().isCreated());
        Person leaver = new Person(IdentityTestStack.subOf(email), email, "readonly");
        String bystander = IdentityTestStack.createReadonlyUser("bystander");
        String attempt = requestId(mvc.perform(as(leaver, post("/api/v1/users/" + bystander + "/disable")))
                .andExpect(status().isForbidden()).andReturn());
        mvc.perform(as(admin, delete("/api/v1/users/" + email))).andExpect(status().isNoContent());
        assertThatThrownBy(() -> user(email)).as("gone from Cognito").isInstanceOf(UserNotFoundException.class);

        // the investigation an audit log exists for, by an admin and by a readonly colleague alike
        for (Person investigator : List.of(admin, Person.readonly())) {
            mvc.perform(as(investigator, get("/api/v1/audit").param("userId", email.toUpperCase())))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.records.length()").value(1))
                    .andExpect(jsonPath("$.records[0].userId").value(leaver.userId()))
                    .andExpect(jsonPath("$.records[0].requestId").value(attempt))
                    .andExpect(jsonPath("$.records[0].outcome").value("DENIED"));
        }
    }

    @Test
    void anAddressNobodyEverHadAnswersExactlyAsAnExistingPersonWithoutRecords() throws Exception {
        Person reader = Person.readonly();
        String existing = IdentityTestStack.createReadonlyUser("quiet");
        String nobody = email();

        String forExisting = mvc.perform(as(reader, get("/api/v1/audit").param("userId", existing)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String forNobody = mvc.perform(as(reader, get("/api/v1/audit").param("userId", nobody)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        // the filter tells nobody whether an account exists: the same empty page, byte for byte
        assertThat(forNobody).isEqualTo(forExisting).contains("\"records\":[]");
    }

    // ---

    private static MockHttpServletRequestBuilder as(Person person, MockHttpServletRequestBuilder request) {
        return request.with(person.token())
                .with(csrf()).contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                .header("User-Agent", "UserAdministrationAuditIT/1.0");
    }

    private static String newUser(String email) {
        return "{\"givenName\":\"Audit\",\"familyName\":\"First\",\"email\":\"" + email
                + "\",\"role\":\"readonly\",\"department\":\"Ops\"}";
    }

    private static String requestId(MvcResult result) {
        String id = result.getResponse().getHeader("X-Request-Id");
        assertThat(id).isNotBlank();
        return id;
    }

    private List<AuditRecord> recordsOf(Person person) {
        return audit.query(AuditQuery.byUser(person.userId()).withLimit(100)).records();
    }

    private AdminGetUserResponse user(String username) {
        return cognito.adminGetUser(b -> b.userPoolId(IdentityTestStack.userPoolId()).username(username));
    }

    private static String email() {
        return "audit-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
