package com.ec2manager.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.ResourceType;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard shows a record the moment it is written, pushed by the live feed, without a reload.
 *
 * <p>Not a {@link BrowserSession}: Spring calls a subclass's {@code @DynamicPropertySource} methods
 * before its superclass's, so the session's registration (the live feed off, as in every test not
 * about it) overwrote this test's {@code enabled=true}, and the feed had nothing to push.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ec2manager.audit.reconciler.enabled=false")
@DirtiesContext
class LiveFeedBrowserIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        ConsoleTestStack.register(registry);
        registry.add("ec2manager.live-feed.enabled", () -> "true");
        registry.add("ec2manager.live-feed.poll-interval", () -> "200ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    AuditTrail trail;

    private AuditRecord act(String instance) {
        AuditRecord record = begin(instance);
        trail.complete(record.key(), AuditResult.succeeded("running", "aws-" + instance));
        return record;
    }

    private AuditRecord begin(String instance) {
        return trail.begin(intent(instance));
    }

    private static AuditIntent intent(String instance) {
        return new AuditIntent(new AuditActor("live-" + instance, "live@example.com", "127.0.0.1", "it"),
                AuditAction.REBOOT_INSTANCE, ResourceType.EC2_INSTANCE, instance, null, "req-" + instance);
    }

    /** Signs in as the administrator and waits on the dashboard until its live feed is open. */
    private Page dashboard(BrowserContext context, String base) {
        context.setDefaultTimeout(PATIENCE.toMillis());
        context.addInitScript("document.addEventListener('htmx:sseOpen', () => { window.liveFeedOpen = true; });");
        Page page = context.newPage();
        page.navigate(base + "/sign-in");
        page.getByLabel("E-mail address").fill(ConsoleTestStack.ADMIN);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(ConsoleTestStack.ADMIN_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL(base + "/");
        page.waitForFunction("() => window.liveFeedOpen === true");
        return page;
    }

    @Test
    void onTheDashboardACompletionReplacesThePendingRowAndADenialShowsUnderNeedsAttention() {
        String base = "http://127.0.0.1:" + port;
        String instance = "i-live" + UUID.randomUUID().toString().substring(0, 8);
        // so that both tables are there when the page opens (a refusal needs attention)
        trail.record(intent("i-deny" + UUID.randomUUID().toString().substring(0, 8)), AuditResult.denied("readonly"));
        // written once the page is open: other test classes' records, dated by clocks they moved ahead,
        // can fill the dashboard's ten newest; the row the page renders itself is the audit log test's
        try (Chromium chromium = new Chromium(); BrowserContext context = chromium.browser().newContext()) {
            Page page = dashboard(context, base);
            AuditRecord pending = begin(instance);
            var recent = page.locator("#live-recent tr").filter(new Locator.FilterOptions().setHasText(instance));
            var attention = page.locator("#live-attention tr").filter(new Locator.FilterOptions().setHasText(instance));
            assertThat(recent.getByText("PENDING"))
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(PATIENCE.toMillis()));
            assertThat(recent).hasCount(1);
            assertThat(attention).hasCount(1);

            trail.complete(pending.key(), AuditResult.succeeded("running", "aws-" + instance));
            assertThat(recent.getByText("SUCCEEDED"))
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(PATIENCE.toMillis()));
            assertThat(recent).hasCount(1);
            // no longer pending: gone from what needs attention
            assertThat(attention).hasCount(0);

            String refused = "i-deny" + UUID.randomUUID().toString().substring(0, 8);
            trail.record(intent(refused), AuditResult.denied("readonly"));
            var denied = page.locator("#live-attention tr").filter(new Locator.FilterOptions().setHasText(refused));
            assertThat(denied.getByText("DENIED"))
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(PATIENCE.toMillis()));
            assertThat(denied).hasCount(1);
        }
    }

    @Test
    void onTheAuditLogACompletionReplacesTheRowThePageRenderedItselfWithItsDetails() {
        String base = "http://127.0.0.1:" + port;
        String instance = "i-live" + UUID.randomUUID().toString().substring(0, 8);
        AuditRecord pending = begin(instance);
        try (Chromium chromium = new Chromium(); BrowserContext context = chromium.browser().newContext()) {
            Page page = dashboard(context, base);
            page.evaluate("() => { window.liveFeedOpen = false; }");
            page.navigate(base + "/audit?userId=live-" + instance);
            page.waitForFunction("() => window.liveFeedOpen === true");
            var rows = page.locator("#audit-rows > tr:not(.audit-detail)")
                    .filter(new Locator.FilterOptions().setHasText(instance));
            assertThat(rows).hasCount(1);
            assertThat(rows).containsText("PENDING");
            assertThat(page.locator("#audit-rows > tr.audit-detail")).hasCount(1);

            trail.complete(pending.key(), AuditResult.succeeded("running", "aws-" + instance));
            assertThat(rows.getByText("SUCCEEDED"))
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(PATIENCE.toMillis()));
            assertThat(rows).hasCount(1);
            // the pending record's details went with its row: none describe a record no longer shown
            assertThat(page.locator("#audit-rows > tr.audit-detail")).hasCount(0);
        }
    }

    @Test
    void aRecordWrittenAfterTheDashboardOpenedAppearsInRecentActivityWithoutAReload() {
        String base = "http://127.0.0.1:" + port;
        act("i-live" + UUID.randomUUID().toString().substring(0, 8)); // so that the recent-activity table exists
        try (Chromium chromium = new Chromium(); BrowserContext context = chromium.browser().newContext()) {
            context.setDefaultTimeout(PATIENCE.toMillis());
            context.addInitScript("document.addEventListener('htmx:sseOpen', () => { window.liveFeedOpen = true; });");
            Page page = context.newPage();
            page.navigate(base + "/sign-in");
            page.getByLabel("E-mail address").fill(ConsoleTestStack.ADMIN);
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(ConsoleTestStack.ADMIN_PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            page.waitForURL(base + "/");
            page.waitForFunction("() => window.liveFeedOpen === true");
            page.evaluate("() => { window.sameDocument = true; }");

            String instance = "i-live" + UUID.randomUUID().toString().substring(0, 8);
            act(instance);

            // its pending write and then its completion arrive; the completion replaces the pending row
            var row = page.locator("#live-recent tr").filter(new Locator.FilterOptions().setHasText(instance));
            assertThat(row.getByText("SUCCEEDED"))
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(PATIENCE.toMillis()));
            assertThat(row).hasCount(1);
            assertThat(page.evaluate("() => window.sameDocument === true")).isEqualTo(true);
        }
    }
}
