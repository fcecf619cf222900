package com.ec2manager.identity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.identity.signin.SignInService;
import com.ec2manager.localaws.testing.MutableClock;
import com.ec2manager.testing.MutableClockConfiguration;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What protects an account: the lock-out (per account from an address, per address and per account
 * over all addresses, the same answers for
 * existing, unknown and disabled accounts), revocation down to the very second of a disable, what
 * is done at Cognito directly reaching the application within the check interval, bounded inputs
 * that are still audited, and request ids of the server's own making. Each browser comes from an
 * address of its own (the server trusts its proxy's X-Forwarded-For here), so that the per-address
 * counts of one test do not meet another's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.forward-headers-strategy=native",
        "ec2manager.identity.lockout-attempts-per-address=8",
        "ec2manager.console.refusals-per-person=3"})
@Import(MutableClockConfiguration.class)
class AccountProtectionIT {

    static final String PASSWORD = "Protected-Pass-1!";

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        IdentityTestStack.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    @Autowired
    MutableClock clock;

    @Autowired
    java.util.List<com.ec2manager.action.PendingJudge> judges;

    final CognitoIdentityProviderClient cognito = IdentityTestStack.cognito();
    String base;

    @BeforeEach
    void base() {
        base = "http://127.0.0.1:" + port;
    }

    Browser browserFrom(String address) {
        return new Browser(base).from(address);
    }

    // --- lock-out ---------------------------------------------------------------------------------

    @Test
    void afterFiveFailuresFromOneAddressItIsRefusedAlikeForExistingAndUnknownAccountsWhileTheOwnerGetsInFromAnother()
            throws InterruptedException {
        String existing = createUser("readonly");
        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";
        Browser first = browserFrom("203.0.113.11");
        Browser second = browserFrom("203.0.113.12");
        for (int i = 0; i < 5; i++) {
            assertIncorrect(SignInPathsIT.signIn(first, existing, "Wrong-Password-1!"));
            assertIncorrect(SignInPathsIT.signIn(second, unknown, "Wrong-Password-1!"));
        }
        HttpResponse<String> existingRefused = SignInPathsIT.signIn(first, existing, PASSWORD);
        HttpResponse<String> unknownRefused = SignInPathsIT.signIn(second, unknown, PASSWORD);
        assertThat(existingRefused.statusCode()).isEqualTo(429);
        assertThat(unknownRefused.statusCode()).isEqualTo(429);
        assertThat(errorOf(existingRefused)).isEqualTo(errorOf(unknownRefused))
                .isEqualTo(SignInService.WAIT);

        // the owner, from another address, is not held up by the guesser's count; Cognito's own
        // lock-out after five failures lasts one second (the emulator runs on the real clock)
        Thread.sleep(1_100);
        Browser owner = browserFrom("203.0.113.13");
        HttpResponse<String> signedIn = SignInPathsIT.signIn(owner, existing, PASSWORD);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        assertThat(owner.get("/account").statusCode()).isEqualTo(200);
        // and the owner's success does not free the guesser
        assertThat(SignInPathsIT.signIn(first, existing, PASSWORD).statusCode()).isEqualTo(429);

        // backoff, not a hard lock: after the first wait the next attempt goes ahead (and fails alike)
        clock.advance(Duration.ofMinutes(1));
        assertIncorrect(SignInPathsIT.signIn(second, unknown, "Wrong-Password-1!"));
        assertThat(SignInPathsIT.signIn(second, unknown, "Wrong-Password-1!").statusCode()).isEqualTo(429);
    }

    @Test
    void aDisabledAccountWithTheRightPasswordGetsTheAnswerOfAWrongPasswordAndTheRecordSaysWhy() {
        String email = createUser("readonly");
        cognito.adminDisableUser(b -> b.userPoolId(IdentityTestStack.userPoolId()).username(email));
        assertIncorrect(SignInPathsIT.signIn(browserFrom("203.0.113.21"), email, PASSWORD));
        assertThat(audit.query(AuditQuery.byUser(IdentityTestStack.subOf(email))).records()).singleElement().satisfies(record -> {
            assertThat(record.action()).isEqualTo(AuditAction.SIGN_IN_FAILED);
            assertThat(record.errorCode()).isEqualTo("AccountDisabled");
        });
    }

    @Test
    void oneAddressFailingOverManyAccountsIsThrottledAndOnlyItsFirstRefusalIsRecorded() {
        Browser attacker = browserFrom("203.0.113.31");
        for (int i = 0; i < 8; i++) {
            assertIncorrect(SignInPathsIT.signIn(attacker, "spray-" + i + "-" + UUID.randomUUID() + "@example.com",
                    "Wrong-Password-1!"));
        }
        String next = "spray-next-" + UUID.randomUUID() + "@example.com";
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> refused = SignInPathsIT.signIn(attacker, next, "Wrong-Password-1!");
            assertThat(refused.statusCode()).isEqualTo(429);
        }
        assertThat(audit.query(AuditQuery.byUser(SignInService.UNKNOWN_USER_PREFIX + next)).records())
                .singleElement().satisfies(record -> assertThat(record.errorCode()).isEqualTo("TooManyAttempts"));
        // another address is not held up by this one
        assertIncorrect(SignInPathsIT.signIn(browserFrom("203.0.113.32"), next, "Wrong-Password-1!"));
    }

    @Test
    void wrongTotpCodesCountTowardTheLockOutAcrossSignIns() {
        String email = createUser("admin");
        String secret = enrolTotp(email);
        Browser guesser = browserFrom("203.0.113.41");
        String wrong = TotpCodes.at(secret, Instant.now().plusSeconds(600));
        int failures = 0;
        while (failures < 5) {
            HttpResponse<String> challenged = SignInPathsIT.signIn(guesser, email, PASSWORD);
            assertThat(challenged.headers().firstValue("Location").orElseThrow()).contains("/sign-in/mfa");
            for (int i = 0; i < 2 && failures < 5; i++, failures++) {
                HttpResponse<String> refused = guesser.submit("/sign-in/mfa", "/sign-in/mfa", Map.of("code", wrong));
                assertThat(refused.statusCode()).isEqualTo(400);
            }
        }
        HttpResponse<String> locked = SignInPathsIT.signIn(guesser, email, PASSWORD);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(errorOf(locked)).isEqualTo(SignInService.WAIT);
    }

    // --- revocation -----------------------------------------------------------------------------

    @Test
    void aTokenIssuedInTheVerySecondOfADisableIsRefused() throws Exception {
        String email = createUser("readonly");
        String token = AccessTokenAttacksIT.cognitoSignIn(email, PASSWORD).accessToken();
        Client client = new Client();
        assertThat(client.me(token).statusCode()).isEqualTo(200);
        String admin = AccessTokenAttacksIT.cognitoSignIn(IdentityTestStack.ADMIN, IdentityTestStack.ADMIN_PASSWORD)
                .accessToken();
        assertThat(client.me(admin).statusCode()).isEqualTo(200);

        // the disable happens in the same second as the token was issued, half a second later
        Instant issued = SignedJWT.parse(token).getJWTClaimsSet().getIssueTime().toInstant();
        Instant before = clock.instant();
        clock.set(issued.plusMillis(500));
        try {
            HttpResponse<String> disabled = client.send("POST", "/api/v1/users/" + email + "/disable", admin, null);
            assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(204);
            assertThat(client.me(token).statusCode()).isEqualTo(401);
        } finally {
            clock.set(before.isAfter(clock.instant()) ? before : clock.instant());
        }
    }

    @Test
    void aGlobalSignOutOrADisableMadeAtCognitoDirectlyEndsApiAndBrowserAccessWithinTheCheckInterval() {
        String signedOut = createUser("readonly");
        String disabled = createUser("readonly");
        Client client = new Client();
        String signedOutToken = AccessTokenAttacksIT.cognitoSignIn(signedOut, PASSWORD).accessToken();
        String disabledToken = AccessTokenAttacksIT.cognitoSignIn(disabled, PASSWORD).accessToken();
        Browser browser = browserFrom("203.0.113.51");
        assertThat(SignInPathsIT.signIn(browser, disabled, PASSWORD).statusCode()).isEqualTo(302);
        assertThat(client.me(signedOutToken).statusCode()).isEqualTo(200);
        assertThat(client.me(disabledToken).statusCode()).isEqualTo(200);
        assertThat(browser.get("/account").statusCode()).isEqualTo(200);

        cognito.globalSignOut(b -> b.accessToken(signedOutToken));
        cognito.adminDisableUser(b -> b.userPoolId(IdentityTestStack.userPoolId()).username(disabled));
        clock.advance(Duration.ofMinutes(4).plusSeconds(1));

        assertThat(client.me(signedOutToken).statusCode()).isEqualTo(401);
        assertThat(client.me(disabledToken).statusCode()).isEqualTo(401);
        HttpResponse<String> page = browser.get("/account");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).contains("/sign-in");
        // a person nobody touched keeps access over the same time
        String untouched = AccessTokenAttacksIT.cognitoSignIn(createUser("readonly"), PASSWORD).accessToken();
        assertThat(client.me(untouched).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(4).plusSeconds(1));
        assertThat(client.me(untouched).statusCode()).isEqualTo(200);
    }

    // --- bounded inputs, still audited ------------------------------------------------------------

    @Test
    void aSignInWithAnEMailOfThousandsOfCharactersIsRefusedAndRecorded() {
        String head = "long-" + UUID.randomUUID();
        String email = head + "x".repeat(2_100) + "@example.com";
        assertIncorrect(SignInPathsIT.signIn(browserFrom("203.0.113.61"), email, "Wrong-Password-1!"));
        assertThat(audit.query(AuditQuery.byAction(AuditAction.SIGN_IN_FAILED)).records())
                .filteredOn(record -> record.userEmail() != null && record.userEmail().startsWith(head))
                .singleElement().satisfies(record -> {
                    assertThat(record.userId()).startsWith(SignInService.UNKNOWN_USER_PREFIX + head)
                            .hasSizeLessThanOrEqualTo(256);
                    assertThat(record.outcome()).isEqualTo(AuditOutcome.FAILED);
                });
    }

    @Test
    void aReadonlyDisableOfAUserNameOfThousandsOfCharactersIsDeniedAndRecordedUnderAServerRequestId()
            throws Exception {
        String reader = AccessTokenAttacksIT.cognitoSignIn(IdentityTestStack.READER, IdentityTestStack.READER_PASSWORD)
                .accessToken();
        String sub = SignedJWT.parse(reader).getJWTClaimsSet().getSubject();
        String head = "victim-" + UUID.randomUUID();
        String clientId = "client-chosen-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> refused = new Client().send("POST", "/api/v1/users/" + head + "y".repeat(2_100)
                + "/disable", reader, clientId);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        String serverId = refused.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(serverId).isNotEqualTo(clientId);

        AuditRecord denied = audit.query(AuditQuery.byUser(sub)).records().stream()
                .filter(record -> record.resourceId().startsWith(head)).findFirst().orElseThrow();
        assertThat(denied.action()).isEqualTo(AuditAction.DISABLE_USER);
        assertThat(denied.outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(denied.resourceId()).hasSizeLessThanOrEqualTo(256);
        assertThat(denied.requestId()).isEqualTo(serverId);
        assertThat(denied.clientRequestId()).isEqualTo(clientId);
    }

    @Test
    void anAdminsDisableOfAUserNameLongerThanCognitoAllowsSaysHowLongANameMayBe() throws Exception {
        String admin = AccessTokenAttacksIT.cognitoSignIn(IdentityTestStack.ADMIN, IdentityTestStack.ADMIN_PASSWORD)
                .accessToken();
        HttpResponse<String> refused = new Client().send("POST", "/api/v1/users/" + "y".repeat(2_100) + "/disable",
                admin, "long-name-" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("at most 128 characters, not 2100");
        HttpResponse<String> blank = new Client().send("POST", "/api/v1/users/%20/disable", admin,
                "blank-name-" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(blank.statusCode()).as(blank.body()).isEqualTo(400);
        assertThat(blank.body()).contains("A user name is required");
    }

    // --- account security changes, refusals -----------------------------------------------------------

    @Test
    void turningTheSecondFactorOffNeedsThePasswordAndEveryTryIsAudited() {
        String email = createUser("readonly");
        String secret = enrolTotp(email);
        Browser person = browserFrom("203.0.113.71");
        HttpResponse<String> challenged = SignInPathsIT.signIn(person, email, PASSWORD);
        assertThat(challenged.headers().firstValue("Location").orElseThrow()).contains("/sign-in/mfa");
        HttpResponse<String> signedIn = person.submit("/sign-in/mfa", "/sign-in/mfa",
                Map.of("code", TotpCodes.at(secret, Instant.now().plusSeconds(30)), "next", "/account"));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);

        HttpResponse<String> withoutPassword = person.submit("/account", "/account/mfa/disable", Map.of());
        assertThat(withoutPassword.statusCode()).isEqualTo(401);
        HttpResponse<String> wrongPassword = person.submit("/account", "/account/mfa/disable",
                Map.of("password", "Wrong-Password-1!"));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(mfaOn(email)).isTrue();

        HttpResponse<String> off = person.submit("/account", "/account/mfa/disable", Map.of("password", PASSWORD));
        assertThat(off.statusCode()).as(off.body()).isEqualTo(302);
        assertThat(mfaOn(email)).isFalse();

        String sub = IdentityTestStack.subOf(email);
        assertThat(audit.query(AuditQuery.byUser(sub)).records())
                .filteredOn(record -> record.action() == AuditAction.DISABLE_MFA)
                .extracting(AuditRecord::outcome)
                .containsExactly(AuditOutcome.SUCCEEDED, AuditOutcome.FAILED, AuditOutcome.FAILED);
    }

    @Test
    void turningTheSecondFactorOnThroughTheConsoleIsAuditedTriesIncluded() {
        String email = createUser("readonly");
        Browser person = browserFrom("203.0.113.91");
        assertThat(SignInPathsIT.signIn(person, email, PASSWORD).statusCode()).isEqualTo(302);
        String page = person.get("/account/mfa").body();
        var hidden = java.util.regex.Pattern.compile("name=\"secret\" value=\"([A-Z2-7]+)\"").matcher(page);
        assertThat(hidden.find()).as(page).isTrue();
        String secret = hidden.group(1);
        String right = TotpCodes.at(secret, Instant.now());
        // the form's token is taken from /account: each visit of /account/mfa starts a new enrolment
        HttpResponse<String> mistyped = person.submit("/account", "/account/mfa",
                Map.of("code", right.equals("000000") ? "111111" : "000000", "secret", secret));
        assertThat(mistyped.statusCode()).as(mistyped.body()).isEqualTo(400);
        assertThat(mfaOn(email)).isFalse();
        HttpResponse<String> on = person.submit("/account", "/account/mfa", Map.of("code", right, "secret", secret));
        assertThat(on.statusCode()).as(on.body()).isEqualTo(302);
        assertThat(mfaOn(email)).isTrue();

        assertThat(audit.query(AuditQuery.byUser(IdentityTestStack.subOf(email))).records())
                .filteredOn(record -> record.action() == AuditAction.ENABLE_MFA)
                .extracting(AuditRecord::outcome)
                .containsExactly(AuditOutcome.SUCCEEDED, AuditOutcome.FAILED);

        // a record of such a change left PENDING is judged from the account's MFA settings
        String sub = IdentityTestStack.subOf(email);
        for (AuditAction action : java.util.List.of(AuditAction.ENABLE_MFA, AuditAction.DISABLE_MFA)) {
            AuditRecord pending = audit.begin(new com.ec2manager.audit.AuditIntent(
                    new com.ec2manager.audit.AuditActor(sub, email, "203.0.113.91", "test"), action,
                    com.ec2manager.audit.ResourceType.USER, sub,
                    new com.ec2manager.audit.AuditDetails(null, null, null, null, Map.of("email", email)),
                    UUID.randomUUID().toString(), null));
            // exactly one feature's judge owns it: the account pages'
            var judge = judges.stream().filter(candidate -> candidate.owns(pending)).toList();
            assertThat(judge).singleElement().extracting(candidate -> candidate.getClass().getPackageName())
                    .isEqualTo("com.ec2manager.identity.account");
            assertThat(judge.get(0).judge(pending).inference()).startsWith(action == AuditAction.ENABLE_MFA
                    ? "PROBABLY_PERFORMED" : "PROBABLY_NOT_PERFORMED");
        }
    }

    @Test
    void changingOnesOwnPasswordIsAudited() {
        String email = createUser("readonly");
        Browser person = browserFrom("203.0.113.81");
        assertThat(SignInPathsIT.signIn(person, email, PASSWORD).statusCode()).isEqualTo(302);
        String chosen = "Changed-Password-2!";
        HttpResponse<String> changed = person.submit("/account", "/account/password",
                Map.of("currentPassword", PASSWORD, "password", chosen, "confirmation", chosen));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(302);
        assertThat(audit.query(AuditQuery.byUser(IdentityTestStack.subOf(email))).records())
                .filteredOn(record -> record.action() == AuditAction.CHANGE_OWN_PASSWORD).singleElement()
                .satisfies(record -> assertThat(record.outcome()).isEqualTo(AuditOutcome.SUCCEEDED));
    }

    @Test
    void aReadonlyPersonsRefusalsPastTheLimitAre429AndOnlyTheFirstOfThemIsRecorded() throws Exception {
        String email = createUser("readonly");
        String token = AccessTokenAttacksIT.cognitoSignIn(email, PASSWORD).accessToken();
        String sub = SignedJWT.parse(token).getJWTClaimsSet().getSubject();
        Client client = new Client();
        for (int i = 0; i < 3; i++) {
            assertThat(client.send("POST", "/api/v1/users/made-up-" + i + "/disable", token, null).statusCode())
                    .isEqualTo(403);
        }
        for (int i = 3; i < 6; i++) {
            assertThat(client.send("POST", "/api/v1/users/made-up-" + i + "/disable", token, null).statusCode())
                    .isEqualTo(429);
        }
        assertThat(audit.query(AuditQuery.byUser(sub)).records())
                .allSatisfy(record -> assertThat(record.outcome()).isEqualTo(AuditOutcome.DENIED))
                .hasSize(4);
        // the wait over, a refusal is refused and recorded again
        clock.advance(Duration.ofMinutes(1));
        assertThat(client.send("POST", "/api/v1/users/made-up-9/disable", token, null).statusCode()).isEqualTo(403);
        assertThat(audit.query(AuditQuery.byUser(sub)).records()).hasSize(5);
    }

    private boolean mfaOn(String email) {
        var user = cognito.adminGetUser(b -> b.userPoolId(IdentityTestStack.userPoolId()).username(email));
        return user.userMFASettingList() != null && user.userMFASettingList().contains("SOFTWARE_TOKEN_MFA");
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static void assertIncorrect(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(errorOf(response)).isEqualTo(SignInService.INCORRECT);
    }

    /** The error message the sign-in page shows. */
    private static String errorOf(HttpResponse<String> page) {
        var matcher = java.util.regex.Pattern.compile("role=\"alert\".*?<p[^>]*>\\s*([^<]+?)\\s*</p>",
                java.util.regex.Pattern.DOTALL).matcher(page.body());
        return matcher.find() ? matcher.group(1) : page.body();
    }

    private String createUser(String role) {
        String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        cognito.adminCreateUser(b -> b.userPoolId(IdentityTestStack.userPoolId()).username(email)
                .messageAction(MessageActionType.SUPPRESS).temporaryPassword("Temporary-Pass-1!")
                .userAttributes(attribute("email", email), attribute("email_verified", "true"),
                        attribute("given_name", "Pat"), attribute("family_name", "Protected"),
                        attribute("custom:role", role)));
        cognito.adminSetUserPassword(b -> b.userPoolId(IdentityTestStack.userPoolId()).username(email)
                .password(PASSWORD).permanent(true));
        cognito.adminAddUserToGroup(b -> b.userPoolId(IdentityTestStack.userPoolId()).username(email).groupName(role));
        return email;
    }

    /** Enrols TOTP through Cognito with a code of the previous step (so that the current one is still fresh). */
    private String enrolTotp(String email) {
        String access = AccessTokenAttacksIT.cognitoSignIn(email, PASSWORD).accessToken();
        String secret = cognito.associateSoftwareToken(b -> b.accessToken(access)).secretCode();
        cognito.verifySoftwareToken(b -> b.accessToken(access).userCode(TotpCodes.at(secret, Instant.now().minusSeconds(30))));
        cognito.setUserMFAPreference(b -> b.accessToken(access).softwareTokenMfaSettings(s -> s.enabled(true).preferredMfa(true)));
        return secret;
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    /** A plain API client that can send its own X-Request-Id. */
    final class Client {
        private final HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> me(String token) {
            return send("GET", "/api/v1/me", token, null);
        }

        HttpResponse<String> send(String method, String path, String bearer, String requestId) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Accept", "application/json").header("Authorization", "Bearer " + bearer)
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (requestId != null) {
                request.header("X-Request-Id", requestId);
            }
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
