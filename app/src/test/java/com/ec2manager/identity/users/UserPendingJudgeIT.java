package com.ec2manager.identity.users;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.ec2manager.action.PendingReconciler;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditCursorCodec;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditProperties;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.aws.AwsProperties;
import com.ec2manager.identity.IdentityTestStack;
import com.ec2manager.identity.cognito.CognitoGateway;
import com.ec2manager.identity.tokens.TokenRevocations;
import com.ec2manager.localaws.testing.MutableClock;
import com.ec2manager.testing.TestReconcilers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * User administration interrupted between the audit intent and the outcome: an orphaned PENDING
 * record in DynamoDB Local, the user's real state in the Cognito emulator, the one reconciler with the
 * user judge settles it as inferred (Cognito never confirmed it).
 * Each test runs on a clock of its own that starts now (Cognito's creation dates are real time)
 * and is moved past the grace period.
 */
@SpringBootTest(properties = {
        "ec2manager.audit.reconciler.enabled=false"
})
class UserPendingJudgeIT {

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        IdentityTestStack.register(registry);
    }

    @Autowired
    DynamoDbClient dynamoDb;
    @Autowired
    AuditProperties auditProperties;
    @Autowired
    AuditCursorCodec cursors;
    @Autowired
    CognitoGateway gateway;
    @Autowired
    TokenRevocations revocations;
    @Autowired
    AwsProperties aws;

    final CognitoIdentityProviderClient cognito = IdentityTestStack.cognito();
    MutableClock clock;
    AuditTrail audit;
    PendingReconciler reconciler;
    String adminId;

    @BeforeEach
    void freshClockAndAdmin() {
        clock = new MutableClock(Instant.now());
        audit = new AuditTrail(dynamoDb, auditProperties, clock, cursors);
        reconciler = TestReconcilers.create(audit, dynamoDb, clock, new UserPendingJudge(gateway, revocations, aws));
        adminId = UUID.randomUUID().toString();
    }

    @Test
    void aCreationWhoseUserNowExistsInItsRoleGroupIsInferredPerformed() {
        String email = email();
        AuditRecord pending = orphan(AuditAction.CREATE_USER, email, Map.of("email", email, "role", "readonly"));
        createInCognito(email, "readonly");

        pastGraceReconcile();

        assertThat(reread(pending)).satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.INFERRED);
            assertThat(record.inference()).startsWith("PROBABLY_PERFORMED");
            assertThat(record.newState()).isEqualTo("FORCE_CHANGE_PASSWORD");
            assertThat(record.completedAt()).isEqualTo(clock.instant());
        });
    }

    @Test
    void aCreationWhoseUserDoesNotExistIsInferredNotPerformed() {
        String email = email();
        AuditRecord pending = orphan(AuditAction.CREATE_USER, email, Map.of("email", email, "role", "admin"));

        pastGraceReconcile();

        assertThat(reread(pending)).satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.INFERRED);
            assertThat(record.inference()).startsWith("PROBABLY_NOT_PERFORMED").contains("does not exist");
        });
    }

    @Test
    void aCreationWhoseUserIsNotInItsRoleGroupIsInferredNotPerformed() {
        String email = email();
        AuditRecord pending = orphan(AuditAction.CREATE_USER, email, Map.of("email", email, "role", "admin"));
        createInCognito(email, null); // cut off between AdminCreateUser and AdminAddUserToGroup

        pastGraceReconcile();

        assertThat(reread(pending)).satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.INFERRED);
            assertThat(record.inference()).startsWith("PROBABLY_NOT_PERFORMED");
            assertThat(record.inference()).contains("not in the group admin");
        });
    }

    @Test
    void aDisablingWhoseUserIsDisabledIsInferredPerformedAndTheUsersTokensAreVoid() {
        String email = email();
        String sub = createInCognito(email, "readonly");
        Instant issuedBefore = Instant.now().minusSeconds(5);
        AuditRecord pending = orphan(AuditAction.DISABLE_USER, sub, Map.of("email", email, "username", email));
        cognito.adminDisableUser(b -> b.userPoolId(IdentityTestStack.userPoolId()).username(email));

        pastGraceReconcile();

        assertThat(reread(pending)).satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.INFERRED);
            assertThat(record.inference()).startsWith("PROBABLY_PERFORMED");
            assertThat(record.newState()).isEqualTo("disabled");
        });
        assertThat(revocations.check(sub, null, issuedBefore).verdict()).isEqualTo(TokenRevocations.Verdict.REVOKED);
    }

    @Test
    void aDisablingWhoseUserIsStillEnabledIsInferredNotPerformed() {
        String email = email();
        String sub = createInCognito(email, "readonly");
        AuditRecord pending = orphan(AuditAction.DISABLE_USER, sub, Map.of("email", email, "username", email));

        pastGraceReconcile();

        assertThat(reread(pending)).satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.INFERRED);
            assertThat(record.inference()).startsWith("PROBABLY_NOT_PERFORMED");
            assertThat(record.inference()).contains("enabled");
        });
    }

    @Test
    void anEnablingAndAPasswordResetAreSettledFromTheUsersStateAndStatus() {
        String email = email();
        String sub = createInCognito(email, "readonly");
        AuditRecord enabling = orphan(AuditAction.ENABLE_USER, sub, Map.of("email", email, "username", email));
        AuditRecord reset = orphan(AuditAction.RESET_USER_PASSWORD, sub, Map.of("email", email, "username", email));
        // the new user must change its temporary password: not the RESET_REQUIRED a reset leads to

        pastGraceReconcile();

        assertThat(reread(enabling).inference()).startsWith("PROBABLY_PERFORMED");
        assertThat(reread(reset)).satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.INFERRED);
            assertThat(record.inference()).startsWith("PROBABLY_NOT_PERFORMED");
            assertThat(record.inference()).contains("FORCE_CHANGE_PASSWORD");
        });
    }

    @Test
    void aDeletionWhoseUserIsGoneIsInferredPerformedAndOneWhoseUserRemainsNotPerformed() {
        String goneEmail = email();
        String gone = createInCognito(goneEmail, "readonly");
        String keptEmail = email();
        String kept = createInCognito(keptEmail, "readonly");
        AuditRecord deleted = orphan(AuditAction.DELETE_USER, gone, Map.of("email", goneEmail, "username", goneEmail));
        AuditRecord notDeleted = orphan(AuditAction.DELETE_USER, kept, Map.of("email", keptEmail, "username", keptEmail));
        cognito.adminDeleteUser(b -> b.userPoolId(IdentityTestStack.userPoolId()).username(goneEmail));

        pastGraceReconcile();

        assertThat(reread(deleted)).satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.INFERRED);
            assertThat(record.inference()).startsWith("PROBABLY_PERFORMED");
            assertThat(record.newState()).isEqualTo("deleted");
        });
        assertThat(reread(notDeleted)).satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.INFERRED);
            assertThat(record.inference()).startsWith("PROBABLY_NOT_PERFORMED");
        });
    }

    @Test
    void aRecordWithinTheGracePeriodIsLeftAloneAndASettledOneIsNeverSettledAgain() {
        String email = email();
        String sub = createInCognito(email, "readonly");
        AuditRecord settled = orphan(AuditAction.ENABLE_USER, sub, Map.of("email", email, "username", email));
        clock.advance(TestReconcilers.GRACE.plusSeconds(1));
        AuditRecord young = orphan(AuditAction.ENABLE_USER, sub, Map.of("email", email, "username", email));

        reconciler.reconcile();
        AuditRecord first = reread(settled);
        assertThat(first.outcome()).isEqualTo(AuditOutcome.INFERRED);
        assertThat(reread(young).outcome()).as("still within the grace period").isEqualTo(AuditOutcome.PENDING);

        // the user is disabled now; a second pass must not rewrite the first outcome
        cognito.adminDisableUser(b -> b.userPoolId(IdentityTestStack.userPoolId()).username(email));
        clock.advance(TestReconcilers.GRACE.plusSeconds(1));
        reconciler.reconcile();
        assertThat(reread(settled)).isEqualTo(first);
        assertThat(reread(young)).satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(AuditOutcome.INFERRED);
            assertThat(record.inference()).startsWith("PROBABLY_NOT_PERFORMED").contains("disabled");
        });
    }

    @Test
    void instanceRecordsAreNotTheUserJudgesOwn() {
        AuditRecord instance = audit.begin(new AuditIntent(actor(), AuditAction.STOP_INSTANCE,
                ResourceType.EC2_INSTANCE, "i-0123456789abcdef0", AuditDetails.NONE, "req-" + UUID.randomUUID()));

        pastGraceReconcile();

        assertThat(reread(instance).outcome()).isEqualTo(AuditOutcome.PENDING);
        // not left behind for the instances reconciler of other tests
        audit.complete(instance.key(), AuditResult.failed("Test.Cleanup", "settled by the test", null));
    }

    // ---

    private void pastGraceReconcile() {
        clock.advance(TestReconcilers.GRACE.plus(Duration.ofSeconds(1)));
        reconciler.reconcile();
    }

    /** An audit intent whose outcome was never written: the application stopped right after begin(). */
    private AuditRecord orphan(AuditAction action, String resourceId, Map<String, String> extra) {
        return audit.begin(new AuditIntent(actor(), action, ResourceType.USER, resourceId,
                new AuditDetails(null, null, null, null, new LinkedHashMap<>(extra)), "req-" + UUID.randomUUID()));
    }

    private AuditActor actor() {
        return new AuditActor(adminId, "admin-" + adminId.substring(0, 8) + "@example.com", "127.0.0.1", "ReconcilerIT");
    }

    private AuditRecord reread(AuditRecord record) {
        return audit.query(AuditQuery.byUser(adminId).withLimit(100)).records().stream()
                .filter(r -> r.key().equals(record.key())).findFirst().orElseThrow();
    }

    /** A user made behind the application's back; the role's group unless {@code group} is null. Returns the sub. */
    private String createInCognito(String email, String group) {
        var created = cognito.adminCreateUser(b -> b.userPoolId(IdentityTestStack.userPoolId()).username(email)
                .messageAction(MessageActionType.SUPPRESS).temporaryPassword("Temporary-Pass-1!")
                .userAttributes(attribute("email", email), attribute("email_verified", "true"),
                        attribute("given_name", "Rec"), attribute("family_name", "Onciled"),
                        attribute("custom:role", group == null ? "admin" : group))).user();
        if (group != null) {
            cognito.adminAddUserToGroup(b -> b.userPoolId(IdentityTestStack.userPoolId()).username(email)
                    .groupName(group));
        }
        return created.attributes().stream().filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    private static String email() {
        return "rec-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
