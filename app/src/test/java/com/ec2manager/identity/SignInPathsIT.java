package com.ec2manager.identity;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.identity.signin.SignInService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every sign-in path as the application drives it: HTTP against the running app, the Cognito emulator behind it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInPathsIT {

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        IdentityTestStack.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    String base;

    @BeforeEach
    void base() {
        base = "http://127.0.0.1:" + port;
    }

    static HttpResponse<String> signIn(Browser browser, String email, String password) {
        return browser.submit("/sign-in", "/sign-in", Map.of("email", email, "password", password, "next", "/account"));
    }

    @Test
    void aPasswordSignInOpensASessionAndIsAudited() {
        Browser browser = new Browser(base);
        HttpResponse<String> response = signIn(browser, IdentityTestStack.ADMIN, IdentityTestStack.ADMIN_PASSWORD);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/account");
        assertThat(response.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("ec2m_session=").contains("HttpOnly").contains("SameSite=Lax"));

        HttpResponse<String> account = browser.get("/account");
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).contains(IdentityTestStack.ADMIN).contains("Change password");
        assertThat(account.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").contains("frame-ancestors 'none'");
    }

    @Test
    void aWrongPasswordIsRefusedWithAClearMessageAndAuditedAsAFailedSignIn() {
        Browser browser = new Browser(base);
        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> response = signIn(browser, unknown, "Wrong-Password-1!");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("Incorrect e-mail or password.");
        assertThat(browser.get("/account").statusCode()).isEqualTo(302);

        var records = audit.query(AuditQuery.byUser(SignInService.UNKNOWN_USER_PREFIX + unknown));
        assertThat(records.records()).singleElement().satisfies(record -> {
            assertThat(record.action()).isEqualTo(AuditAction.SIGN_IN_FAILED);
            assertThat(record.outcome()).isEqualTo(AuditOutcome.FAILED);
        });
    }

    @Test
    void aNewUserSignsInWithTheMailedTemporaryPasswordChoosesOneEnrolsTotpAndSignsInWithACode() throws Exception {
        Browser admin = new Browser(base);
        signIn(admin, IdentityTestStack.ADMIN, IdentityTestStack.ADMIN_PASSWORD);
        String email = "new-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Instant before = Instant.now();
        HttpResponse<String> created = admin.submit("/users/new", "/users", Map.of("givenName", "Grace",
                "familyName", "Hopper", "email", email, "role", "readonly", "department", "Research"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String temporary = IdentityTestStack.temporaryPassword(IdentityTestStack.latestMessageTo(email, before));

        Browser person = new Browser(base);
        HttpResponse<String> challenged = signIn(person, email, temporary);
        assertThat(challenged.statusCode()).isEqualTo(302);
        assertThat(challenged.headers().firstValue("Location").orElseThrow()).contains("/sign-in/new-password");
        HttpResponse<String> page = person.follow(challenged);
        assertThat(page.body()).contains("At least 12 characters").contains("/password-policy.js");

        HttpResponse<String> weak = person.post("/sign-in/new-password",
                Map.of("password", "short", "confirmation", "short"), Browser.csrf(page.body()));
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("at least 12 characters");

        String chosen = "Chosen-Password-3" + UUID.randomUUID().toString().substring(0, 4) + "!";
        HttpResponse<String> signedIn = person.submit("/sign-in/new-password", "/sign-in/new-password",
                Map.of("password", chosen, "confirmation", chosen, "next", "/account"));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        assertThat(person.get("/account").body()).contains(email);

        // TOTP enrolment with the QR code page
        HttpResponse<String> enrol = person.get("/account/mfa");
        assertThat(enrol.statusCode()).as(enrol.body()).isEqualTo(200);
        assertThat(enrol.body()).contains("data:image/svg+xml;base64,");
        Matcher secret = Pattern.compile("name=\"secret\" value=\"([A-Z2-7]+)\"").matcher(enrol.body());
        assertThat(secret.find()).as(enrol.body()).isTrue();
        HttpResponse<String> enabled = person.post("/account/mfa",
                Map.of("code", TotpCodes.at(secret.group(1), Instant.now())), Browser.csrf(enrol.body()));
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(302);
        assertThat(person.get("/account").body()).contains("On (authenticator app)");

        // sign out, then in again: the code is asked for
        HttpResponse<String> out = person.submit("/account", "/sign-out", Map.of());
        assertThat(out.headers().firstValue("Location").orElseThrow()).contains("/sign-in");
        assertThat(person.get("/account").statusCode()).isEqualTo(302);

        Browser again = new Browser(base);
        HttpResponse<String> mfa = signIn(again, email, chosen);
        assertThat(mfa.headers().firstValue("Location").orElseThrow()).contains("/sign-in/mfa");
        HttpResponse<String> wrongCode = again.submit("/sign-in/mfa", "/sign-in/mfa", Map.of("code", "000000"));
        if (!TotpCodes.at(secret.group(1), Instant.now()).equals("000000")) {
            assertThat(wrongCode.statusCode()).isEqualTo(400);
        }
        // the enrolment's code is used up: the next step's code (one step of drift is accepted)
        HttpResponse<String> done = again.submit("/sign-in/mfa", "/sign-in/mfa",
                Map.of("code", TotpCodes.at(secret.group(1), Instant.now().plusSeconds(30)), "next", "/account"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        assertThat(again.get("/account").body()).contains(email);
    }

    @Test
    void aForgottenPasswordIsResetWithTheMailedCodeAndTheNewOneWorks() {
        Browser admin = new Browser(base);
        signIn(admin, IdentityTestStack.ADMIN, IdentityTestStack.ADMIN_PASSWORD);
        String email = "forgot-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String first = createAndActivate(admin, email);

        Browser person = new Browser(base);
        Instant before = Instant.now();
        HttpResponse<String> asked = person.submit("/forgot-password", "/forgot-password", Map.of("email", email));
        assertThat(asked.statusCode()).isEqualTo(302);
        String code = IdentityTestStack.code(IdentityTestStack.latestMessageTo(email, before));
        String renewed = "Renewed-Password-9" + UUID.randomUUID().toString().substring(0, 3) + "#";
        HttpResponse<String> wrong = person.submit("/forgot-password/confirm?email=" + email, "/forgot-password/confirm",
                Map.of("email", email, "code", code.equals("000000") ? "111111" : "000000", "password", renewed,
                        "confirmation", renewed));
        assertThat(wrong.statusCode()).isEqualTo(400);
        HttpResponse<String> reset = person.submit("/forgot-password/confirm?email=" + email, "/forgot-password/confirm",
                Map.of("email", email, "code", code, "password", renewed, "confirmation", renewed));
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(302);

        assertThat(signIn(new Browser(base), email, first).statusCode()).isEqualTo(401);
        assertThat(signIn(new Browser(base), email, renewed).statusCode()).isEqualTo(302);
        // both tries are the person's own audited actions, newest first
        assertThat(audit.query(AuditQuery.byUser(IdentityTestStack.subOf(email))).records())
                .filteredOn(record -> record.action() == AuditAction.RESET_OWN_PASSWORD)
                .extracting(AuditRecord::outcome)
                .containsExactly(AuditOutcome.SUCCEEDED, AuditOutcome.FAILED);
    }

    @Test
    void aSignedInPersonChangesTheirPassword() {
        Browser admin = new Browser(base);
        signIn(admin, IdentityTestStack.ADMIN, IdentityTestStack.ADMIN_PASSWORD);
        String email = "change-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String first = createAndActivate(admin, email);

        Browser person = new Browser(base);
        signIn(person, email, first);
        String second = "Second-Password-7" + UUID.randomUUID().toString().substring(0, 3) + "$";
        HttpResponse<String> wrongCurrent = person.submit("/account", "/account/password",
                Map.of("currentPassword", "Not-The-Password-1!", "password", second, "confirmation", second));
        assertThat(wrongCurrent.statusCode()).isEqualTo(401);
        assertThat(wrongCurrent.body()).contains("The current password is wrong.");
        HttpResponse<String> changed = person.submit("/account", "/account/password",
                Map.of("currentPassword", first, "password", second, "confirmation", second));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(302);

        assertThat(signIn(new Browser(base), email, first).statusCode()).isEqualTo(401);
        assertThat(signIn(new Browser(base), email, second).statusCode()).isEqualTo(302);
    }

    @Test
    void aSignInIsAuditedUnderTheSub() {
        Browser browser = new Browser(base);
        Instant before = Instant.now();
        signIn(browser, IdentityTestStack.READER, IdentityTestStack.READER_PASSWORD);
        String sub = IdentityTestStack.cognito().adminGetUser(b -> b.userPoolId(IdentityTestStack.userPoolId())
                .username(IdentityTestStack.READER)).userAttributes().stream()
                .filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
        var records = audit.query(AuditQuery.byUser(sub).between(before.minusSeconds(1), null)).records();
        assertThat(records).extracting(AuditRecord::action).contains(AuditAction.SIGN_IN);
    }

    @Test
    void aReadonlyAttemptToAdministerUsersIsRefusedAndAuditedAsDenied() {
        Browser reader = new Browser(base);
        signIn(reader, IdentityTestStack.READER, IdentityTestStack.READER_PASSWORD);
        Instant before = Instant.now();
        HttpResponse<String> refused = reader.post("/users/" + IdentityTestStack.ADMIN + "/disable", Map.of(),
                Browser.csrf(reader.get("/account").body()));
        assertThat(refused.statusCode()).isEqualTo(403);
        var denied = audit.query(AuditQuery.byResource(IdentityTestStack.ADMIN).between(before.minusSeconds(1), null)).records();
        assertThat(denied).anySatisfy(record -> {
            assertThat(record.action()).isEqualTo(AuditAction.DISABLE_USER);
            assertThat(record.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(record.userEmail()).isEqualTo(IdentityTestStack.READER);
        });
        // and the administrator is still enabled
        assertThat(signIn(new Browser(base), IdentityTestStack.ADMIN, IdentityTestStack.ADMIN_PASSWORD).statusCode()).isEqualTo(302);
    }

    @Test
    void anAdministratorsActionsAreAuditedPendingThenSucceeded() {
        Browser admin = new Browser(base);
        signIn(admin, IdentityTestStack.ADMIN, IdentityTestStack.ADMIN_PASSWORD);
        String email = "audited-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        createAndActivate(admin, email);
        String sub = IdentityTestStack.cognito().adminGetUser(b -> b.userPoolId(IdentityTestStack.userPoolId())
                .username(email)).userAttributes().stream().filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
        String csrf = Browser.csrf(admin.get("/users/" + email).body());
        assertThat(admin.post("/users/" + email + "/disable", Map.of(), csrf).statusCode()).isEqualTo(302);
        assertThat(signIn(new Browser(base), email, "whatever-it-is-1A!").statusCode()).isEqualTo(401);
        assertThat(admin.post("/users/" + email + "/enable", Map.of(), csrf).statusCode()).isEqualTo(302);
        assertThat(admin.post("/users/" + email + "/reset-password", Map.of(), csrf).statusCode()).isEqualTo(302);
        assertThat(admin.post("/users/" + email + "/delete", Map.of(), csrf).statusCode()).isEqualTo(302);
        assertThat(admin.get("/users/" + email).statusCode()).isEqualTo(404);

        var records = audit.query(AuditQuery.byResource(sub)).records().stream()
                .filter(record -> record.action().name().endsWith("_USER") || record.action().name().startsWith("RESET"))
                .toList();
        assertThat(records).extracting(AuditRecord::action).contains(AuditAction.DISABLE_USER, AuditAction.ENABLE_USER,
                AuditAction.RESET_USER_PASSWORD, AuditAction.DELETE_USER);
        assertThat(records).allSatisfy(record -> assertThat(record.outcome()).isEqualTo(AuditOutcome.SUCCEEDED));
        assertThat(audit.query(AuditQuery.byResource(email)).records()).extracting(AuditRecord::action)
                .contains(AuditAction.CREATE_USER);
    }

    /** Creates a user through the app as the admin, and gives them a chosen password through first sign-in. */
    String createAndActivate(Browser admin, String email) {
        Instant before = Instant.now();
        HttpResponse<String> created = admin.submit("/users/new", "/users", Map.of("givenName", "Alan",
                "familyName", "Turing", "email", email, "role", "readonly", "department", ""));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String temporary = IdentityTestStack.temporaryPassword(IdentityTestStack.latestMessageTo(email, before));
        Browser person = new Browser(base);
        signIn(person, email, temporary);
        String chosen = "First-Password-5" + UUID.randomUUID().toString().substring(0, 3) + "@";
        HttpResponse<String> done = person.submit("/sign-in/new-password", "/sign-in/new-password",
                Map.of("password", chosen, "confirmation", chosen));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        return chosen;
    }
}
