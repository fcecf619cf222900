package com.ec2manager.browser;

import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.localaws.ec2.InstanceState;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/**
 * A bulk dialog names, before the person types anything, which of the selected instances EC2
 * would refuse (protected, or in a state the action does not apply to) and leaves them out, names
 * the members of an Auto Scaling group beside the acknowledgement, and counts in the singular.
 */
class BulkDialogsBrowserIT extends BrowserSession {

    private static final String REGION = "us-east-1";

    private InstanceSnapshot plain;
    private InstanceSnapshot stopProtected;
    private InstanceSnapshot stopped;
    private InstanceSnapshot member;

    private void selectTheFour() {
        plain = ConsoleTestStack.take(ConsoleTestStack.plainRunning().and(i -> i.region().equals(REGION)));
        stopProtected = ConsoleTestStack.take(i -> i.region().equals(REGION) && i.state() == InstanceState.RUNNING
                && i.disableApiStop() && i.autoScalingGroup() == null);
        stopped = ConsoleTestStack.take(i -> i.region().equals(REGION) && i.state() == InstanceState.STOPPED
                && i.autoScalingGroup() == null && !i.disableApiTermination());
        member = ConsoleTestStack.take(i -> i.region().equals(REGION) && i.state() == InstanceState.RUNNING
                && i.autoScalingGroup() != null && !i.disableApiStop() && !i.disableApiTermination());
        signIn(ConsoleTestStack.ADMIN, ConsoleTestStack.ADMIN_PASSWORD);
        page.navigate(base + "/instances?region=" + REGION + "&size=200");
        // the protection flags come from a background read: wait until it has reached the protected one
        Locator protectedRow = page.locator("#row-" + stopProtected.instanceId());
        long until = System.currentTimeMillis() + PATIENCE.toMillis();
        while (protectedRow.getAttribute("data-stop-protected") == null && System.currentTimeMillis() < until) {
            page.waitForTimeout(500);
            page.reload();
        }
        for (InstanceSnapshot instance : new InstanceSnapshot[] {plain, stopProtected, stopped, member}) {
            page.locator("#select-" + instance.instanceId()).check();
        }
    }

    private Locator open(String action) {
        page.locator(".js-bulk-bar [data-dialog-open=dialog-bulk-" + action + "]").click();
        return page.locator("dialog#dialog-bulk-" + action);
    }

    @Test
    void theStopDialogNamesTheProtectedAndTheStoppedOnesAndLeavesThemOut() {
        selectTheFour();
        Locator dialog = open("stop");

        PlaywrightAssertions.assertThat(page.locator("#dialog-bulk-stop-title")).hasText("Stop 2 instances");
        Locator skipped = dialog.locator(".js-skipped");
        PlaywrightAssertions.assertThat(skipped).isVisible();
        PlaywrightAssertions.assertThat(skipped.locator(".alert__title")).hasText("2 of the selected cannot be stopped and will be left out");
        PlaywrightAssertions.assertThat(skipped.locator("li[data-instance=" + stopProtected.instanceId() + "]"))
                .hasText(stopProtected.instanceId() + " " + stopProtected.name() + ": stop protection is on");
        PlaywrightAssertions.assertThat(skipped.locator("li[data-instance=" + stopped.instanceId() + "]"))
                .containsText("it is stopped (only running instances can be stopped)");
        PlaywrightAssertions.assertThat(skipped.locator("li[data-instance=" + plain.instanceId() + "]")).hasCount(0);

        // only the two EC2 would accept are listed and posted
        Locator targets = dialog.locator(".js-target-list li");
        PlaywrightAssertions.assertThat(targets).hasCount(2);
        PlaywrightAssertions.assertThat(dialog.locator(".js-target-list")).containsText(plain.instanceId());
        PlaywrightAssertions.assertThat(dialog.locator(".js-target-list")).not().containsText(stopProtected.instanceId());
        PlaywrightAssertions.assertThat(dialog.locator(".js-target-ids input")).hasCount(2);

        // the Auto Scaling member is named beside the acknowledgement, which gates the button
        PlaywrightAssertions.assertThat(dialog.locator(".js-asg-list")).hasText(member.instanceId() + " " + member.name()
                + " in " + member.autoScalingGroup());
        dialog.getByLabel("Reason").fill("Bulk dialog test");
        Locator stop = dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Stop").setExact(true));
        PlaywrightAssertions.assertThat(stop).isDisabled();
        dialog.getByLabel("I understand the Auto Scaling group may react").check();
        PlaywrightAssertions.assertThat(stop).isEnabled();
    }

    @Test
    void theStartDialogActsOnTheStoppedOneOnlyInTheSingularAndADialogWithNothingToDoSendsNothing() {
        selectTheFour();
        Locator dialog = open("start");
        PlaywrightAssertions.assertThat(page.locator("#dialog-bulk-start-title")).hasText("Start 1 instance");
        PlaywrightAssertions.assertThat(dialog.locator(".js-skipped .alert__title")).hasText("3 of the selected cannot be started and will be left out");
        PlaywrightAssertions.assertThat(dialog.locator(".js-skipped li[data-instance=" + plain.instanceId() + "]"))
                .containsText("it is running (only stopped instances can be started)");
        PlaywrightAssertions.assertThat(dialog.locator(".js-bulk-warning")).isHidden();
        dialog.locator("[data-dialog-close]").first().click();

        // only the protected one selected: nothing to stop, the button stays disabled whatever is typed
        for (InstanceSnapshot instance : new InstanceSnapshot[] {plain, stopped, member}) {
            page.locator("#select-" + instance.instanceId()).uncheck();
        }
        dialog = open("stop");
        PlaywrightAssertions.assertThat(dialog.locator(".js-target-none")).isVisible();
        PlaywrightAssertions.assertThat(page.locator("#dialog-bulk-stop-title")).hasText("Stop 0 instances");
        dialog.getByLabel("Reason").fill("Nothing to do");
        PlaywrightAssertions.assertThat(dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Stop")
                .setExact(true))).isDisabled();
    }
}
