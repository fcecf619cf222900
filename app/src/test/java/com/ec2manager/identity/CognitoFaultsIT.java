package com.ec2manager.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.identity.users.UserPendingJudge;
import com.ec2manager.localaws.cognito.CognitoEmulator;
import com.ec2manager.localaws.cognito.CognitoFault;
import com.ec2manager.localaws.testing.MutableClock;
import com.ec2manager.testing.SignedInAs;
import com.ec2manager.testing.TestLocalStack;
import com.ec2manager.testing.TestReconcilers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Cognito faults injected through the emulator, against the application's real Cognito client
 * (short timeouts): Cognito acts and its answer never arrives → the caller hears "outcome unknown"
 * and the record stays PENDING until the reconciler settles it as INFERRED from the user's state,
 * never SUCCEEDED without Cognito's word; Cognito refuses → FAILED with Cognito's own code, and
 * the user is as before.
 */
@SpringBootTest(properties = {
        "ec2manager.audit.reconciler.enabled=false",
        "ec2manager.aws.timeouts.cognito-attempt=1s",
        "ec2manager.aws.timeouts.cognito-call=2s"
})
@AutoConfigureMockMvc
class CognitoFaultsIT {

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        IdentityTestStack.register(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    AuditTrail audit;
    @Autowired
    DynamoDbClient dynamoDb;
    @Autowired
    UserPendingJudge judge;

    final CognitoIdentityProviderClient cognito = IdentityTestStack.cognito();
    final CognitoEmulator emulator = TestLocalStack.get().cognito();
    final String adminId = UUID.randomUUID().toString();

    @AfterEach
    void heal() {
        emulator.clearFaults();
    }

    @Test
    void cognitoActingWithoutAnsweringLeavesThePendingRecordForTheReconcilerToInfer() throws Exception {
        String email = IdentityTestStack.createReadonlyUser("fault");
        emulator.stallAfterActing("AdminDisableUser", Duration.ofSeconds(4));

        mvc.perform(asAdmin(post("/api/v1/users/" + email + "/disable")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.code").value("CognitoUnreachable"));
        emulator.clearFaults();
        assertThat(enabled(email)).as("Cognito acted although the application never heard").isFalse();
        assertThat(records()).singleElement().satisfies(record -> {
            assertThat(record.action()).isEqualTo(AuditAction.DISABLE_USER);
            assertThat(record.outcome()).as("never SUCCEEDED or FAILED without Cognito's word")
                    .isEqualTo(AuditOutcome.PENDING);
        });

        MutableClock later = new MutableClock(Instant.now().plus(TestReconcilers.GRACE).plusSeconds(5));
        TestReconcilers.create(audit, dynamoDb, later, judge).reconcile();

        assertThat(records()).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.INFERRED);
            assertThat(record.inference()).startsWith("PROBABLY_PERFORMED").contains("the user is disabled");
            assertThat(record.newState()).isEqualTo("disabled");
        });
    }

    @Test
    void aRefusedCognitoCallIsRecordedFailedWithCognitosOwnCodeAndChangesNothing() throws Exception {
        String email = IdentityTestStack.createReadonlyUser("fault");
        emulator.failOperation("AdminDisableUser", CognitoFault.refused("LimitExceededException",
                "Attempt limit exceeded, please try after some time."));

        mvc.perform(asAdmin(post("/api/v1/users/" + email + "/disable")))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.code").value("LimitExceededException"));

        assertThat(enabled(email)).isTrue();
        assertThat(records()).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(record.errorCode()).isEqualTo("LimitExceededException");
            assertThat(record.awsRequestId()).as("Cognito's request id").isNotBlank();
        });
    }

    @Test
    void aCreationThatActedAndWhoseRetryCognitoRefusedIsNeverRecordedFailed() throws Exception {
        // the first attempt creates the user and answers too late; the SDK's retry hears "exists already"
        String email = "retried-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        emulator.stallAfterActing("AdminCreateUser", Duration.ofMillis(1500));

        mvc.perform(asAdmin(post("/api/v1/users")).content("{\"givenName\":\"Re\",\"familyName\":\"Tried\","
                        + "\"email\":\"" + email + "\",\"role\":\"readonly\"}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.code").value("UsernameExistsException"));
        emulator.clearFaults();
        assertThat(cognito.adminGetUser(b -> b.userPoolId(IdentityTestStack.userPoolId()).username(email)).username())
                .as("the first attempt created the user").isNotBlank();
        assertThat(records()).singleElement().satisfies(record -> {
            assertThat(record.action()).isEqualTo(AuditAction.CREATE_USER);
            assertThat(record.outcome()).as("Cognito's refusal came after an attempt that acted: unknown, not FAILED")
                    .isEqualTo(AuditOutcome.PENDING);
        });

        MutableClock later = new MutableClock(Instant.now().plus(TestReconcilers.GRACE).plusSeconds(5));
        TestReconcilers.create(audit, dynamoDb, later, judge).reconcile();

        // the creation stopped before the user joined the role's group: settled from that state
        assertThat(records()).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.INFERRED);
            assertThat(record.inference()).contains("not in the group readonly");
        });
    }

    @Test
    void cognitosInternalErrorLeavesTheRecordPendingNotFailed() throws Exception {
        String email = IdentityTestStack.createReadonlyUser("fault");
        emulator.failOperation("AdminDisableUser", CognitoFault.internalError());

        mvc.perform(asAdmin(post("/api/v1/users/" + email + "/disable")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.code").value("InternalErrorException"));

        assertThat(records()).singleElement().satisfies(record -> assertThat(record.outcome())
                .as("Cognito failed inside: it may have acted").isEqualTo(AuditOutcome.PENDING));
        MutableClock later = new MutableClock(Instant.now().plus(TestReconcilers.GRACE).plusSeconds(5));
        TestReconcilers.create(audit, dynamoDb, later, judge).reconcile();
        assertThat(records()).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.INFERRED);
            assertThat(record.inference()).startsWith("PROBABLY_NOT_PERFORMED");
        });
    }

    private MockHttpServletRequestBuilder asAdmin(MockHttpServletRequestBuilder request) {
        return request.with(SignedInAs.operator(adminId, "faults-" + adminId.substring(0, 8) + "@example.com", "admin"))
                .with(csrf()).contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON);
    }

    private List<AuditRecord> records() {
        return audit.query(AuditQuery.byUser(adminId).withLimit(10)).records();
    }

    private boolean enabled(String email) {
        return cognito.adminGetUser(b -> b.userPoolId(IdentityTestStack.userPoolId()).username(email)).enabled();
    }

}
