package com.ec2manager.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/**
 * The console as an operator uses it, in headless Chromium: first sign-in with a temporary
 * password, an audited stop seen through to {@code stopped} without a reload, the record in the
 * audit log and on the instance's page, the exports, and a readonly person who sees no action
 * controls and whom the API refuses.
 */
class ConsoleBrowserIT extends BrowserSession {

    static LocatorAssertions.IsVisibleOptions patiently() {
        return new LocatorAssertions.IsVisibleOptions().setTimeout(PATIENCE.toMillis());
    }

    @Test
    void anAdministratorSignsInForTheFirstTimeAndSetsAPassword() {
        String email = "first-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String temporary = "Temp-Pass-" + UUID.randomUUID().toString().substring(0, 6) + "1!";
        try (CognitoIdentityProviderClient cognito = ConsoleTestStack.cognitoClient()) {
            String pool = com.ec2manager.localaws.cognito.CognitoEmulatorSettings.DEFAULT_USER_POOL_ID;
            cognito.adminCreateUser(b -> b.userPoolId(pool).username(email).temporaryPassword(temporary)
                    .messageAction(MessageActionType.SUPPRESS)
                    .userAttributes(attribute("email", email), attribute("email_verified", "true"),
                            attribute("given_name", "Fiona"), attribute("family_name", "First"),
                            attribute("custom:role", "admin")));
            cognito.adminAddUserToGroup(b -> b.userPoolId(pool).username(email).groupName("admin"));
        }

        page.navigate(base + "/instances");
        PlaywrightAssertions.assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/sign-in.*"));
        page.getByLabel("E-mail address").fill(email);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(temporary);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                .setName("Choose your password"))).isVisible();
        screenshot("new-password");
        String chosen = "Chosen-Pass-" + UUID.randomUUID().toString().substring(0, 6) + "9?";
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill(chosen);
        page.getByLabel("New password again").fill(chosen);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set password and sign in")).click();

        PlaywrightAssertions.assertThat(page.locator(".app-user__email")).hasText(email);
        PlaywrightAssertions.assertThat(page.locator(".role-badge")).hasText("admin");

        // the new password works from now on
        page.locator(".app-user__signout button").click();
        signIn(email, chosen);
        PlaywrightAssertions.assertThat(page.locator(".app-user__email")).hasText(email);
    }

    @Test
    void anAdministratorStopsAnInstanceWithAReasonAndSeesItStopWithoutAReload() throws Exception {
        InstanceSnapshot target = ConsoleTestStack.take(ConsoleTestStack.plainRunning());
        String reason = "Browser test stop " + UUID.randomUUID().toString().substring(0, 8);
        signIn(ConsoleTestStack.ADMIN, ConsoleTestStack.ADMIN_PASSWORD);

        page.navigate(base + "/instances/" + target.instanceId());
        PlaywrightAssertions.assertThat(page.locator("#instance-summary")).hasAttribute("data-state", "running");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stop").setExact(true)).click();
        Locator dialog = page.locator("dialog#dialog-stop");
        PlaywrightAssertions.assertThat(dialog).isVisible();
        dialog.getByLabel("Reason").fill(reason);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Stop").setExact(true)).click();

        PlaywrightAssertions.assertThat(page.getByText("Stop accepted")).isVisible();
        // from here on the page must not be loaded again: the mark would be lost
        page.evaluate("() => { window.consoleTestMark = 'still-here'; }");
        ConsoleTestStack.finishTransitions();
        PlaywrightAssertions.assertThat(page.locator("#instance-summary"))
                .hasAttribute("data-state", "stopped", new LocatorAssertions.HasAttributeOptions().setTimeout(PATIENCE.toMillis()));
        assertThat(page.evaluate("() => window.consoleTestMark")).isEqualTo("still-here");
        screenshot("instance-detail-stopped");

        // the record on the instance's page
        page.reload();
        Locator history = page.locator("#instance-history");
        PlaywrightAssertions.assertThat(history.getByText(reason)).isVisible();
        PlaywrightAssertions.assertThat(history.locator(".outcome").first()).hasText("SUCCEEDED");

        // and in the audit log, every field behind the row
        page.navigate(base + "/audit");
        page.getByLabel("Resource").fill(target.instanceId());
        page.getByLabel("Action").selectOption("STOP_INSTANCE");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
        PlaywrightAssertions.assertThat(page).hasURL(java.util.regex.Pattern.compile(".*resourceId=" + target.instanceId() + ".*"));
        Locator row = page.locator("tr.audit-row-main").first();
        PlaywrightAssertions.assertThat(row).containsText(target.instanceId());
        PlaywrightAssertions.assertThat(row).containsText("Stop instance");
        row.getByRole(AriaRole.BUTTON).click();
        Locator detail = page.locator("tr.audit-detail").first();
        PlaywrightAssertions.assertThat(detail).isVisible();
        PlaywrightAssertions.assertThat(detail).containsText(reason);
        PlaywrightAssertions.assertThat(detail).containsText("127.0.0.1");
        PlaywrightAssertions.assertThat(detail).containsText("HeadlessChrome");
        PlaywrightAssertions.assertThat(detail).containsText("running");
        screenshot("audit-log-open-row");

        // both exports of the current filter
        Download csv = page.waitForDownload(() -> page.locator("[data-export=csv]").click());
        String csvText = Files.readString(csv.path(), StandardCharsets.UTF_8);
        assertThat(csvText).startsWith("eventTime,userId,userEmail,action");
        assertThat(csvText.lines().count()).isEqualTo(2);
        assertThat(csvText).contains(target.instanceId(), reason, "STOP_INSTANCE", "SUCCEEDED");
        assertThat(csv.suggestedFilename()).endsWith(".csv");

        Download jsonl = page.waitForDownload(() -> page.locator("[data-export=jsonl]").click());
        List<String> lines = Files.readAllLines(jsonl.path(), StandardCharsets.UTF_8);
        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .contains("\"resourceId\":\"" + target.instanceId() + "\"")
                .contains("\"reason\":\"" + reason + "\"")
                .contains("\"outcome\":\"SUCCEEDED\""));
    }

    /** The controls a readonly person must not see on the instance list (see the admin twin below). */
    private static final List<String> LIST_ACTION_CONTROLS = List.of("input.js-select-row", ".js-bulk-bar", "dialog");

    private Locator actionButton(String action) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(action).setExact(true));
    }

    /** The positive control of the readonly test: the same selectors find the controls for an administrator. */
    @Test
    void anAdministratorSeesTheActionControlsThatAReadonlyPersonDoesNot() {
        InstanceSnapshot target = ConsoleTestStack.take(ConsoleTestStack.plainRunning());
        signIn(ConsoleTestStack.ADMIN, ConsoleTestStack.ADMIN_PASSWORD);

        page.navigate(base + "/instances");
        PlaywrightAssertions.assertThat(page.locator("table.instances-table tbody tr").first()).isVisible();
        for (String control : LIST_ACTION_CONTROLS) {
            PlaywrightAssertions.assertThat(page.locator(control).first()).isAttached();
        }
        PlaywrightAssertions.assertThat(page.locator(".app-nav").getByText("Users")).isVisible();

        page.navigate(base + "/instances/" + target.instanceId());
        PlaywrightAssertions.assertThat(page.locator("#instance-summary")).hasAttribute("data-state", "running");
        for (String action : List.of("Stop", "Reboot", "Terminate")) {
            PlaywrightAssertions.assertThat(actionButton(action).first()).isVisible();
        }
    }

    @Test
    void aReadonlyPersonSeesNoActionControlsAndTheApiRefusesThem() throws Exception {
        InstanceSnapshot target = ConsoleTestStack.take(ConsoleTestStack.plainRunning());
        signIn(ConsoleTestStack.READER, ConsoleTestStack.READER_PASSWORD);

        page.navigate(base + "/instances");
        PlaywrightAssertions.assertThat(page.locator("table.instances-table tbody tr").first()).isVisible();
        for (String control : LIST_ACTION_CONTROLS) {
            PlaywrightAssertions.assertThat(page.locator(control)).hasCount(0);
        }
        PlaywrightAssertions.assertThat(page.locator(".app-nav").getByText("Users")).hasCount(0);

        page.navigate(base + "/instances/" + target.instanceId());
        PlaywrightAssertions.assertThat(page.locator("#instance-summary")).isVisible();
        for (String action : List.of("Start", "Stop", "Reboot", "Terminate")) {
            PlaywrightAssertions.assertThat(actionButton(action)).hasCount(0);
        }

        String token;
        try (CognitoIdentityProviderClient cognito = ConsoleTestStack.cognitoClient()) {
            token = cognito.initiateAuth(b -> b.authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .clientId(com.ec2manager.localaws.cognito.CognitoEmulatorSettings.DEFAULT_CLIENT_ID)
                    .authParameters(Map.of("USERNAME", ConsoleTestStack.READER,
                            "PASSWORD", ConsoleTestStack.READER_PASSWORD)))
                    .authenticationResult().accessToken();
        }
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/instances/" + target.instanceId() + "/stop"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"readonly tries\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
        assertThat(refused.body()).contains("\"requestId\"");
        assertThat(ConsoleTestStack.ec2().instances(target.region()).stream()
                .filter(i -> i.instanceId().equals(target.instanceId())).findFirst().orElseThrow().state().toString()
                .toLowerCase()).isEqualTo("running");
    }

    /**
     * Each main page, at desktop and phone width, answers with its status, its own heading and its
     * own content (an error page in its place fails); the pictures are for a person to look at
     * (target/screenshots).
     */
    @Test
    void theMainPagesShowTheirHeadingAndContentAtDesktopAndPhoneWidth() {
        InstanceSnapshot some = ConsoleTestStack.ec2().instances("us-east-1").get(0);
        List<MainPage> pages = List.of(
                new MainPage("dashboard", "/", 200, "Dashboard", "#by-state-title"),
                new MainPage("instances", "/instances", 200, "Instances", "table.instances-table tbody tr"),
                new MainPage("instance-detail", "/instances/" + some.instanceId(), 200,
                        some.name().isEmpty() ? "(no name)" : some.name(),
                        ".page-header__sub:has-text('" + some.instanceId() + "')"),
                new MainPage("audit-log", "/audit", 200, "Audit log", "form label:has-text('Resource')"),
                // other tests add users to the shared pool, so the one sought may be past the first page: search for it
                new MainPage("users", "/users?q=" + ConsoleTestStack.READER, 200, "Users", "table.table td:has-text('" + ConsoleTestStack.READER + "')"),
                new MainPage("account", "/account", 200, "Your account", "main:has-text('" + ConsoleTestStack.ADMIN + "')"),
                new MainPage("not-found", "/no/such/page", 404, null, "main#main p:has-text('There is nothing at /no/such/page')"));
        for (int[] size : List.of(new int[] {1280, 900}, new int[] {390, 844})) {
            String suffix = "-" + size[0];
            page.setViewportSize(size[0], size[1]);
            page.navigate(base + "/sign-in");
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                    .setName("Sign in").setLevel(1))).isVisible();
            screenshot("sign-in" + suffix);
            signIn(ConsoleTestStack.ADMIN, ConsoleTestStack.ADMIN_PASSWORD);
            for (MainPage main : pages) {
                com.microsoft.playwright.Response response = page.navigate(base + main.path());
                page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
                assertThat(response.status()).as(main.name()).isEqualTo(main.status());
                if (main.heading() != null) {
                    PlaywrightAssertions.assertThat(page.locator("main#main h1").first()).containsText(main.heading());
                }
                PlaywrightAssertions.assertThat(page.locator(main.content()).first()).isVisible();
                screenshot(main.name() + suffix);
            }
            // sign out from a page that certainly carries the signed-in header
            page.navigate(base + "/");
            page.locator(".app-user__signout button").click();
            page.waitForLoadState();
        }
        assertThat(Files.exists(Chromium.SCREENSHOTS.resolve("dashboard-390.png"))).isTrue();
    }

    /** A page to visit: the status it answers with, text of its first heading (none: the error page, checked by its content) and a locator of its content. */
    private record MainPage(String name, String path, int status, String heading, String content) {
    }

    private void screenshot(String name) {
        // whole pages unless very long (the instances table): then what the screen shows
        Object height = page.evaluate("() => document.documentElement.scrollHeight");
        boolean full = height instanceof Number number && number.intValue() <= 2400;
        page.screenshot(new Page.ScreenshotOptions().setFullPage(full)
                .setPath(Chromium.SCREENSHOTS.resolve(name + ".png")));
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    static Path screenshots() {
        return Chromium.SCREENSHOTS;
    }
}
