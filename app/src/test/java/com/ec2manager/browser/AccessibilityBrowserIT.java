package com.ec2manager.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.ec2manager.identity.Operator;
import com.ec2manager.identity.Role;
import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.schedules.ScheduleForm;
import com.ec2manager.schedules.Schedules;
import com.ec2manager.web.Caller;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * axe-core over every main page, and the states of a page a person opens (a dialog, a selection,
 * an opened record), as an administrator and as a readonly person, at desktop and at phone width:
 * no critical and no serious violation anywhere. What axe finds is printed and written to
 * {@code target/accessibility/}, with the count of every impact; a screenshot of each page and state
 * as scanned is kept under {@code target/screenshots/}.
 */
class AccessibilityBrowserIT extends BrowserSession {

    private static final List<int[]> WIDTHS = List.of(new int[] {1440, 900}, new int[] {390, 844});
    private static final Operator SCHEDULER = new Operator("accessibility-it", "a11y@example.com", Set.of(Role.ADMIN));
    private static AxeScanner axe;

    @Autowired
    Schedules schedules;

    /** A schedule to scan the pages of, over one instance; deleted after the test. */
    private String scheduleId;

    @BeforeAll
    static void installAxe() throws Exception {
        axe = AxeScanner.install();
    }

    @BeforeEach
    void createSchedule() {
        InstanceSnapshot scheduled = ConsoleTestStack.take(ConsoleTestStack.plainRunning());
        scheduleId = schedules.create(SCHEDULER, origin(), new ScheduleForm("a11y-" + UUID.randomUUID().toString()
                .substring(0, 8), "Europe/Berlin", List.of(new ScheduleForm.PeriodForm(List.of("MON", "TUE", "WED", "THU",
                "FRI"), "08:00", "19:00")), List.of("2026-12-25"), "STOP_AND_START", false,
                new ScheduleForm.TargetForm(Map.of("Name", scheduled.name()), List.of(), List.of(scheduled.region()))))
                .id();
    }

    @AfterEach
    void deleteSchedule() {
        schedules.delete(SCHEDULER, origin(), scheduleId);
    }

    private static Caller origin() {
        return new Caller("127.0.0.1", "AccessibilityBrowserIT", "a11y-" + UUID.randomUUID());
    }

    @Test
    void everyPageAnAdministratorSeesHasNoCriticalOrSeriousViolationAtDesktopAndPhoneWidth() throws IOException {
        InstanceSnapshot some = ConsoleTestStack.take(ConsoleTestStack.plainRunning());
        List<Scan> scans = new ArrayList<>(commonPages(some, scheduleId));
        scans.add(new Scan("approval-policies", "/approvals/policies", 200, null));
        scans.add(new Scan("new-schedule", "/schedules/new", 200, null));
        scans.add(new Scan("schedule-refused", "/schedules/new", 200, p -> {
            p.getByLabel("Name").fill("refused");
            p.getByLabel("Time zone").fill("Mars/Olympus");
            p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create schedule")).click();
            PlaywrightAssertions.assertThat(p.locator("#timeZone-error")).isVisible();
        }));
        scans.add(new Scan("edit-schedule", "/schedules/" + scheduleId + "/edit", 200, null));
        scans.add(new Scan("users", "/users", 200, null));
        scans.add(new Scan("new-user", "/users/new", 200, null));
        scans.add(new Scan("integrity", "/integrity", 200, null));
        scans.add(new Scan("instances-selection", "/instances", 200, p -> {
            p.locator("input.js-select-row").first().check();
            PlaywrightAssertions.assertThat(p.locator(".js-bulk-bar")).isVisible();
        }));
        scans.add(new Scan("instance-stop-dialog", "/instances/" + some.instanceId(), 200, p -> {
            p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stop").setExact(true)).first().click();
            PlaywrightAssertions.assertThat(p.locator("dialog[open]")).isVisible();
        }));
        assertNoSeriousViolations("admin", ConsoleTestStack.ADMIN, ConsoleTestStack.ADMIN_PASSWORD, scans);
    }

    @Test
    void everyPageAReadonlyPersonSeesHasNoCriticalOrSeriousViolationAtDesktopAndPhoneWidth() throws IOException {
        InstanceSnapshot some = ConsoleTestStack.ec2().instances("ap-southeast-2").get(0);
        List<Scan> scans = new ArrayList<>(commonPages(some, scheduleId));
        scans.add(new Scan("forbidden", "/users", 403, null));
        assertNoSeriousViolations("readonly", ConsoleTestStack.READER, ConsoleTestStack.READER_PASSWORD, scans);
    }

    /** The twin of the tests above: the same scan finds a violation planted in a page, at its own impact. */
    @Test
    void theScanFindsAViolationPlantedInAPage() {
        page.navigate(base + "/sign-in");
        assertThat(axe.scan(page, "sign-in")).noneMatch(AxeScanner.Violation::seriousOrWorse);
        page.evaluate("() => { const a = document.createElement('a'); a.href = '#'; a.textContent = 'Name';"
                + " a.setAttribute('aria-sort', 'ascending'); document.querySelector('main').append(a); }");
        assertThat(axe.scan(page, "sign-in with a planted link"))
                .anySatisfy(violation -> {
                    assertThat(violation.rule()).isEqualTo("aria-allowed-attr");
                    assertThat(violation.impact()).isEqualTo("critical");
                });
    }

    private static List<Scan> commonPages(InstanceSnapshot some, String scheduleId) {
        return List.of(
                new Scan("dashboard", "/", 200, null),
                new Scan("instances", "/instances", 200, null),
                new Scan("instances-filtered", "/instances?q=no-such-instance-anywhere", 200, null),
                new Scan("instance-detail", "/instances/" + some.instanceId(), 200, null),
                new Scan("audit-log", "/audit", 200, null),
                new Scan("audit-log-open-record", "/audit", 200, p -> {
                    if (p.locator("tr.audit-row-main").count() > 0) {
                        p.locator("tr.audit-row-main").first().getByRole(AriaRole.BUTTON).click();
                        PlaywrightAssertions.assertThat(p.locator("tr.audit-detail").first()).isVisible();
                    }
                }),
                new Scan("approvals", "/approvals", 200, null),
                new Scan("schedules", "/schedules", 200, null),
                new Scan("schedule", "/schedules/" + scheduleId, 200, null),
                new Scan("account", "/account", 200, null),
                new Scan("mfa-enrolment", "/account/mfa", 200, null),
                new Scan("api", "/api", 200, p -> PlaywrightAssertions.assertThat(p.locator(".swagger-ui .opblock").first())
                        .isVisible()),
                new Scan("not-found", "/no/such/page", 404, null));
    }

    private void assertNoSeriousViolations(String role, String email, String password, List<Scan> scans) throws IOException {
        List<AxeScanner.Violation> found = new ArrayList<>();
        for (int[] size : WIDTHS) {
            page.setViewportSize(size[0], size[1]);
            String width = "@" + size[0];
            page.navigate(base + "/sign-in");
            found.addAll(axe.scan(page, role + " sign-in" + width));
            signIn(email, password);
            for (Scan scan : scans) {
                com.microsoft.playwright.Response response = page.navigate(base + scan.path());
                // loaded, and what the page fetches after loading (charts, the monitoring panel) is in
                page.waitForLoadState(LoadState.LOAD);
                page.waitForFunction("() => !document.querySelector('.htmx-request, [hx-trigger^=\"load\"] .loading-state')");
                assertThat(response.status()).as(scan.name()).isEqualTo(scan.status());
                if (scan.prepare() != null) {
                    scan.prepare().accept(page);
                }
                found.addAll(axe.scan(page, role + " " + scan.name() + width));
                // every page and state as scanned, for a person to look at
                page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS
                        .resolve(role + "-" + scan.name() + "-" + size[0] + ".png")));
            }
            page.navigate(base + "/");
            page.locator(".app-user__signout button").click();
            page.waitForLoadState();
        }
        report(role, found);
        assertThat(found.stream().filter(AxeScanner.Violation::seriousOrWorse).map(AxeScanner.Violation::toString))
                .as("critical and serious axe violations").isEmpty();
    }

    /** Prints the counts by impact and every violation, and keeps them under target/accessibility. */
    private static void report(String role, List<AxeScanner.Violation> found) throws IOException {
        Map<String, Long> byImpact = new TreeMap<>(found.stream()
                .collect(Collectors.groupingBy(AxeScanner.Violation::impact, Collectors.counting())));
        StringBuilder text = new StringBuilder("axe violations (" + role + ") by impact: " + byImpact + "\n");
        found.forEach(violation -> text.append("  ").append(violation).append('\n'));
        System.out.println(text);
        Path folder = Path.of("target", "accessibility");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("axe-" + role + ".txt"), text);
    }

    /** A page to scan: its name in the report, its address, the status it answers with, and what to do on it first. */
    private record Scan(String name, String path, int status, Consumer<Page> prepare) {
    }
}
