package com.ec2manager.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.localaws.ec2.InstanceState;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/**
 * The instances table as an operator arranges it: a column chooser remembered per person, page
 * sizes, status checks, protection and Auto Scaling flags in the row, and the average CPU over 24
 * hours as a sortable column that finds the idle instances.
 */
class InstancesTableBrowserIT extends BrowserSession {

    private static final LocatorAssertions.HasAttributeOptions PATIENTLY = new LocatorAssertions.HasAttributeOptions()
            .setTimeout(PATIENCE.toMillis());

    private Locator header(String text) {
        return page.locator("table.instances-table thead th", new Page.LocatorOptions().setHasText(text));
    }

    private Locator rows() {
        return page.locator("table.instances-table tbody tr");
    }

    @Test
    void theColumnChooserHidesAColumnForThisPersonOnlyAndRemembersItWithThePageSize() {
        signIn(ConsoleTestStack.ADMIN, ConsoleTestStack.ADMIN_PASSWORD);
        page.navigate(base + "/instances");
        PlaywrightAssertions.assertThat(header("Public IP")).hasCount(1);
        PlaywrightAssertions.assertThat(rows()).hasCount(100);

        page.locator("#column-chooser summary").click();
        page.locator("#column-chooser").getByLabel("Public IP").uncheck();
        page.locator("#column-chooser").getByLabel("Rows per page").selectOption("25");
        page.locator("#column-chooser").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remember")).click();
        PlaywrightAssertions.assertThat(header("Public IP")).hasCount(0);
        PlaywrightAssertions.assertThat(header("Private IP")).hasCount(1);
        PlaywrightAssertions.assertThat(rows()).hasCount(25);

        // remembered: a later visit shows the same
        page.navigate(base + "/instances?state=running");
        PlaywrightAssertions.assertThat(header("Public IP")).hasCount(0);
        PlaywrightAssertions.assertThat(rows()).hasCount(25);

        // another person in the same browser keeps their own table
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        signIn(ConsoleTestStack.READER, ConsoleTestStack.READER_PASSWORD);
        page.navigate(base + "/instances");
        PlaywrightAssertions.assertThat(header("Public IP")).hasCount(1);
        PlaywrightAssertions.assertThat(rows()).hasCount(100);
    }

    /** Rows lying wholly inside the window, as the page opens (no scrolling). */
    private int rowsInsideTheWindow() {
        return ((Number) page.evaluate("() => [...document.querySelectorAll('table.instances-table tbody tr')]"
                + ".filter(row => { const box = row.getBoundingClientRect();"
                + " return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight; }).length")).intValue();
    }

    @Test
    void atLeastTwentyDenseRowsFitADesktopWindowOf1440By900WhilePhonesKeepTheirTouchTargets() {
        page.setViewportSize(1440, 900);
        // an administrator: the selection toolbar takes its room above the table too
        signIn(ConsoleTestStack.ADMIN, ConsoleTestStack.ADMIN_PASSWORD);
        page.navigate(base + "/instances?size=50");
        // the page holds more rows than the window shows: what is counted is the window's room
        PlaywrightAssertions.assertThat(rows()).hasCount(50);
        int inside = rowsInsideTheWindow();
        assertThat(inside).isGreaterThanOrEqualTo(20).isLessThan(50);
        // dense on a desktop: a copy button is small there
        assertThat(page.locator("table.instances-table tbody tr .copy-btn").first().boundingBox().height).isLessThan(24);

        // a phone keeps 44 px touch targets, so far fewer rows fit its window
        page.setViewportSize(390, 844);
        page.navigate(base + "/instances?size=50");
        PlaywrightAssertions.assertThat(rows()).hasCount(50);
        assertThat(page.locator("table.instances-table tbody tr .copy-btn").first().boundingBox().height)
                .isGreaterThanOrEqualTo(44);
        assertThat(rowsInsideTheWindow()).isLessThan(20);
    }

    @Test
    void aPageSizeShowsThatManyRowsAndKeepsTheFilter() {
        signIn(ConsoleTestStack.READER, ConsoleTestStack.READER_PASSWORD);
        page.navigate(base + "/instances?size=25");
        PlaywrightAssertions.assertThat(rows()).hasCount(25);
        PlaywrightAssertions.assertThat(page.locator(".page-sizes [aria-current]")).hasText("25");

        page.navigate(base + "/instances?sort=-type&size=25");
        page.locator(".page-sizes a", new Page.LocatorOptions().setHasText("50")).click();
        PlaywrightAssertions.assertThat(rows()).hasCount(50);
        assertThat(page.url()).contains("sort=-type").contains("size=50");
        PlaywrightAssertions.assertThat(page.locator("table.instances-table thead th[aria-sort=descending]"))
                .containsText("Type");

        page.navigate(base + "/instances?size=200");
        int total = Integer.parseInt(page.locator("#instances-count").innerText().split(" ")[0].replace(",", ""));
        assertThat(total).isGreaterThan(100);
        PlaywrightAssertions.assertThat(rows()).hasCount(Math.min(200, total));
    }

    @Test
    void rowsFlagProtectionAndAutoScalingAndCountStatusChecks() {
        InstanceSnapshot stopProtected = ConsoleTestStack.take(i -> i.state() == InstanceState.RUNNING && i.disableApiStop());
        InstanceSnapshot plain = ConsoleTestStack.take(ConsoleTestStack.plainRunning());
        InstanceSnapshot member = ConsoleTestStack.take(i -> i.autoScalingGroup() != null && !i.disableApiStop()
                && !i.disableApiTermination());
        InstanceSnapshot stopped = ConsoleTestStack.take(i -> i.state() == InstanceState.STOPPED);
        signIn(ConsoleTestStack.READER, ConsoleTestStack.READER_PASSWORD);

        Locator flags = flagsOf(stopProtected);
        PlaywrightAssertions.assertThat(flags).hasAttribute("data-protection", "on", PATIENTLY);
        PlaywrightAssertions.assertThat(flags).containsText("Stop protected");

        flags = flagsOf(plain);
        PlaywrightAssertions.assertThat(flags).hasAttribute("data-protection", "none", PATIENTLY);
        PlaywrightAssertions.assertThat(flags).not().containsText("protected");
        PlaywrightAssertions.assertThat(flags).not().containsText("ASG");
        PlaywrightAssertions.assertThat(page.locator("#row-" + plain.instanceId() + " [data-col=checks]"))
                .hasText("2/2 checks passed");

        PlaywrightAssertions.assertThat(flagsOf(member)).containsText("ASG " + member.autoScalingGroup());

        page.navigate(base + "/instances?q=" + stopped.instanceId());
        PlaywrightAssertions.assertThat(page.locator("#row-" + stopped.instanceId() + " [data-col=checks]")).hasText("—");
    }

    /** The row's flags cell, the page reloaded until the background reads have reached it. */
    private Locator flagsOf(InstanceSnapshot instance) {
        page.navigate(base + "/instances?q=" + instance.instanceId());
        Locator flags = page.locator("#row-" + instance.instanceId() + " [data-col=flags]");
        long until = System.currentTimeMillis() + PATIENCE.toMillis();
        while ("unknown".equals(flags.getAttribute("data-protection")) && System.currentTimeMillis() < until) {
            page.waitForTimeout(500);
            page.reload();
        }
        return flags;
    }

    @Test
    void theCpuColumnSortsTheIdleRunningInstancesFirstAndTheBusiestLast() {
        signIn(ConsoleTestStack.READER, ConsoleTestStack.READER_PASSWORD);
        page.navigate(base + "/instances?state=running&sort=cpu&size=200");
        long until = System.currentTimeMillis() + PATIENCE.toMillis();
        while (rows().first().locator("[data-col=cpu]").getAttribute("data-cpu") == null
                && System.currentTimeMillis() < until) {
            page.waitForTimeout(500);
            page.reload();
        }
        List<Double> ascending = cpuValues();
        assertThat(ascending).hasSizeGreaterThan(10);
        assertThat(ascending).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(ascending.get(0)).isLessThan(5.0);
        assertThat(ascending.get(ascending.size() - 1)).isGreaterThan(20.0);
        PlaywrightAssertions.assertThat(rows().first().locator("[data-col=cpu]")).containsText("idle");
        PlaywrightAssertions.assertThat(page.locator("table.instances-table thead th[aria-sort=ascending]"))
                .containsText("CPU 24 h");

        page.locator("table.instances-table thead a.sort", new Page.LocatorOptions().setHasText("CPU 24 h")).click();
        PlaywrightAssertions.assertThat(page.locator("table.instances-table thead th[aria-sort=descending]"))
                .containsText("CPU 24 h");
        List<Double> descending = cpuValues();
        assertThat(descending).isSortedAccordingTo(Comparator.reverseOrder());
        PlaywrightAssertions.assertThat(rows().first().locator("[data-col=cpu]")).not().containsText("idle");
    }

    private List<Double> cpuValues() {
        List<Double> values = new ArrayList<>();
        for (Object value : (List<?>) page.evaluate("() => [...document.querySelectorAll("
                + "'table.instances-table tbody [data-col=cpu][data-cpu]')].map(td => td.dataset.cpu)")) {
            values.add(Double.valueOf(value.toString()));
        }
        return values;
    }
}
