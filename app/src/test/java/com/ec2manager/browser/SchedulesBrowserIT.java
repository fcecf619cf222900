package com.ec2manager.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.regex.Pattern;

import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.localaws.ec2.InstanceState;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/**
 * The schedule editor in Chromium: an admin creates a schedule, a refused field is marked beside
 * it with everything typed kept, the schedule is edited, an override is added, and the preview names
 * the instance and the next transitions; a readonly person sees the same schedule without a way to
 * change it. Each test deletes its schedule through the page, so that no transition of it outlives the test.
 */
class SchedulesBrowserIT extends BrowserSession {

    @Test
    void anAdminCreatesASchedulePastAFieldErrorEditsItAddsAnOverrideAndSeesThePreview() {
        InstanceSnapshot target = ConsoleTestStack.take(ConsoleTestStack.plainRunning());
        String name = "bt-" + UUID.randomUUID().toString().substring(0, 8);
        signIn(ConsoleTestStack.ADMIN, ConsoleTestStack.ADMIN_PASSWORD);

        page.navigate(base + "/schedules");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New schedule")).click();
        page.getByLabel("Name").fill(name);
        page.getByLabel("Time zone").fill("Mars/Olympus");
        page.getByLabel("Tags").fill("Name=" + target.name());
        page.getByLabel("Region").fill(target.region());
        page.getByLabel("Saturday, period 1").check();
        Response refused = page.waitForResponse(r -> r.url().endsWith("/schedules") && "POST".equals(r.request().method()),
                () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create schedule")).click());

        // 400 with the form again: the advice beside the time zone, the field marked, what was typed kept
        assertThat(refused.status()).isEqualTo(400);
        Locator zone = page.getByLabel("Time zone");
        PlaywrightAssertions.assertThat(zone).hasAttribute("aria-invalid", "true");
        PlaywrightAssertions.assertThat(page.locator("#timeZone-error")).containsText("IANA time zone");
        PlaywrightAssertions.assertThat(zone).hasAttribute("aria-describedby", "timeZone-error");
        PlaywrightAssertions.assertThat(page.getByLabel("Name")).hasValue(name);
        PlaywrightAssertions.assertThat(page.getByLabel("Tags")).hasValue("Name=" + target.name());
        PlaywrightAssertions.assertThat(page.getByLabel("Saturday, period 1")).isChecked();
        PlaywrightAssertions.assertThat(page.getByLabel("Name")).not().hasAttribute("aria-invalid", "true");

        zone.fill("Europe/Berlin");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create schedule")).click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name)))
                .isVisible();
        PlaywrightAssertions.assertThat(page.locator(".alert--success")).containsText("Schedule created");
        // the preview: the instance it targets, and what its next transitions act on
        PlaywrightAssertions.assertThat(page.locator("#target-" + target.instanceId())).containsText(target.region());
        PlaywrightAssertions.assertThat(page.locator("#upcoming li")).hasCount(3);
        PlaywrightAssertions.assertThat(page.locator("#saved-hours")).containsText("0.0 instance-hours");

        // edit: a second period and a holiday; a stop equal to its start is refused beside that row's stop
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit").setExact(true)).click();
        PlaywrightAssertions.assertThat(page.getByLabel("Time zone")).hasValue("Europe/Berlin");
        page.getByLabel("Sunday, period 2").check();
        page.getByLabel("Start, period 2").fill("10:00");
        page.getByLabel("Stop, period 2").fill("10:00");
        page.getByLabel("Holidays").fill("2026-12-25");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save schedule")).click();
        PlaywrightAssertions.assertThat(page.locator("#p1-stop-error")).containsText("must differ from the start");
        PlaywrightAssertions.assertThat(page.getByLabel("Stop, period 2")).hasAttribute("aria-invalid", "true");
        PlaywrightAssertions.assertThat(page.getByLabel("Holidays")).hasValue("2026-12-25");
        page.getByLabel("Stop, period 2").fill("14:00");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save schedule")).click();
        PlaywrightAssertions.assertThat(page.locator(".alert--success")).containsText("Schedule saved");
        PlaywrightAssertions.assertThat(page.locator("dl.kv").first()).containsText("2026-12-25");
        PlaywrightAssertions.assertThat(page.locator("dl.kv").first()).containsText("Sun 10:00–14:00");

        // an override: a time in the past is refused beside the field, then one four hours ahead is added
        page.getByLabel(Pattern.compile("^Until")).fill("2020-01-01T08:00");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add override")).click();
        PlaywrightAssertions.assertThat(page.locator("#until-error")).containsText("in the next 30 days");
        PlaywrightAssertions.assertThat(page.getByLabel(Pattern.compile("^Until"))).hasValue("2020-01-01T08:00");
        page.getByLabel(Pattern.compile("^Until")).fill(java.time.LocalDateTime.now(java.time.ZoneId.of("Europe/Berlin"))
                .plusHours(4).withSecond(0).withNano(0).toString());
        page.getByLabel("Running").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add override")).click();
        PlaywrightAssertions.assertThat(page.locator(".alert--success")).containsText("Override added");
        PlaywrightAssertions.assertThat(page.locator("#overrides")).containsText(target.instanceId());
        PlaywrightAssertions.assertThat(page.locator("#target-" + target.instanceId())).containsText("kept running");

        // the list names it; deleting it through the page leaves it out
        page.navigate(base + "/schedules");
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name))).isVisible();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name)).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete schedule " + name)).click();
        PlaywrightAssertions.assertThat(page.locator(".alert--success")).containsText("Schedule deleted");
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name))).hasCount(0);
    }

    @Test
    void anAdminStartingAnInstanceTheScheduleKeepsStoppedIsToldAndTheSchedulePageListsIt() {
        InstanceSnapshot target = ConsoleTestStack.take(instance -> instance.state() == InstanceState.STOPPED
                && instance.autoScalingGroup() == null && instance.name() != null && !instance.name().isBlank());
        String name = "bt-kept-" + UUID.randomUUID().toString().substring(0, 8);
        // a period that begins in two hours (Berlin time, as the schedule reads it): the instance is kept stopped now
        java.time.LocalTime start = java.time.LocalTime.now(java.time.ZoneId.of("Europe/Berlin")).plusHours(2).withSecond(0).withNano(0);
        signIn(ConsoleTestStack.ADMIN, ConsoleTestStack.ADMIN_PASSWORD);
        page.navigate(base + "/schedules/new");
        page.getByLabel("Name").fill(name);
        page.getByLabel("Time zone").fill("Europe/Berlin");
        for (String day : java.util.List.of("Saturday", "Sunday")) {
            page.getByLabel(day + ", period 1").check();
        }
        page.getByLabel("Start, period 1").fill(start.toString());
        page.getByLabel("Stop, period 1").fill(start.plusMinutes(30).toString());
        page.getByLabel("Tags").fill("Name=" + target.name());
        page.getByLabel("Regions").fill(target.region());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create schedule")).click();
        PlaywrightAssertions.assertThat(page.locator(".alert--success")).containsText("Schedule created");
        String address = page.url().replaceAll("\\?.*", "");
        PlaywrightAssertions.assertThat(page.locator("#started-outside")).hasCount(0);

        page.navigate(base + "/instances/" + target.instanceId());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start").setExact(true)).click();
        Locator dialog = page.locator("dialog#dialog-start");
        dialog.getByLabel("Reason").fill("needed tonight");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Start").setExact(true)).click();
        PlaywrightAssertions.assertThat(page.locator("#action-accepted")).isVisible();
        PlaywrightAssertions.assertThat(page.locator("#action-notice")).containsText("The schedule " + name + " keeps "
                + target.instanceId() + " stopped now");

        page.navigate(address);
        PlaywrightAssertions.assertThat(page.locator("#started-outside")).containsText("1 instance started outside the schedule");
        PlaywrightAssertions.assertThat(page.locator("#started-outside")).containsText(ConsoleTestStack.ADMIN);
        PlaywrightAssertions.assertThat(page.locator("#target-" + target.instanceId())).containsText("Started outside the schedule");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete schedule " + name)).click();
        PlaywrightAssertions.assertThat(page.locator(".alert--success")).containsText("Schedule deleted");
    }

    @Test
    void aReadonlyPersonSeesASchedulesPageWithoutAWayToChangeIt() {
        InstanceSnapshot target = ConsoleTestStack.take(ConsoleTestStack.plainRunning());
        String name = "bt-ro-" + UUID.randomUUID().toString().substring(0, 8);
        signIn(ConsoleTestStack.ADMIN, ConsoleTestStack.ADMIN_PASSWORD);
        page.navigate(base + "/schedules/new");
        page.getByLabel("Name").fill(name);
        page.getByLabel("Tags").fill("Name=" + target.name());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create schedule")).click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit").setExact(true))).isVisible();
        String address = page.url().replaceAll("\\?.*", "");
        page.locator(".app-user__signout button").click();

        signIn(ConsoleTestStack.READER, ConsoleTestStack.READER_PASSWORD);
        page.navigate(address);
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name))).isVisible();
        PlaywrightAssertions.assertThat(page.locator("#target-" + target.instanceId())).isVisible();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit").setExact(true))).hasCount(0);
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add override"))).hasCount(0);
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Schedules").setExact(true))).isVisible();
        assertThat(page.navigate(address + "/edit").status()).isEqualTo(403);
        assertThat(page.navigate(base + "/schedules/new").status()).isEqualTo(403);
        page.navigate(base + "/");
        page.locator(".app-user__signout button").click();

        signIn(ConsoleTestStack.ADMIN, ConsoleTestStack.ADMIN_PASSWORD);
        page.navigate(address);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete schedule " + name)).click();
        PlaywrightAssertions.assertThat(page.locator(".alert--success")).containsText("Schedule deleted");
    }
}
