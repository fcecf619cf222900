package com.ec2manager.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.localaws.ec2.InstanceState;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/**
 * The instance page's monitoring panel, end to end: the page asks the application, which asks the
 * CloudWatch stand-in through the SDK (GetMetricData), whose series follow the EC2 emulator's
 * fleet. A busy production server and an idle development box read differently; the figures are
 * also in words and in a table.
 */
class MonitoringBrowserIT extends BrowserSession {

    private static final Pattern AVERAGE = Pattern.compile("average ([0-9.]+) %");

    @Test
    void aBusyProductionServerShowsHighCpuAndTrafficInChartsWordsAndATable() {
        InstanceSnapshot busy = ConsoleTestStack.take(ConsoleTestStack.plainRunning()
                .and(i -> "production".equals(i.tags().get("Environment"))));
        Locator panel = open(busy);

        Locator cpu = panel.locator("[data-metric=cpu]");
        PlaywrightAssertions.assertThat(cpu.locator("svg polyline")).isVisible();
        assertThat(averageCpu(cpu)).isGreaterThan(20);
        for (String metric : new String[] {"network-in", "network-out"}) {
            PlaywrightAssertions.assertThat(panel.locator("[data-metric=" + metric + "] svg polyline")).isVisible();
            PlaywrightAssertions.assertThat(panel.locator("[data-metric=" + metric + "] figcaption"))
                    .containsText(Pattern.compile("average [0-9.]+ (KiB|MiB|GiB)"));
        }
        // the chart's accessible name is its summary in words
        PlaywrightAssertions.assertThat(cpu.getByRole(AriaRole.IMG)).hasAccessibleName(Pattern.compile(
                "CPU utilisation over the last 24 hours: average .*, peak .*, latest .*"));

        // and every value in a table: one row per half hour of the last day
        panel.getByText("Show the values as a table").click();
        Locator rows = panel.locator("table tbody tr");
        PlaywrightAssertions.assertThat(rows).hasCount(48);
        PlaywrightAssertions.assertThat(rows.first().locator("td").first()).containsText("%");
    }

    @Test
    void anIdleDevelopmentBoxShowsCpuNearZero() {
        InstanceSnapshot idle = ConsoleTestStack.take(ConsoleTestStack.plainRunning()
                .and(i -> "development".equals(i.tags().get("Environment"))));
        Locator cpu = open(idle).locator("[data-metric=cpu]");
        PlaywrightAssertions.assertThat(cpu.locator("svg polyline")).isVisible();
        assertThat(averageCpu(cpu)).isLessThan(5);
    }

    /** A stopped instance reports nothing to CloudWatch: the panel says so instead of drawing empty charts. */
    @Test
    void aStoppedInstanceSaysThatItHasNoDatapoints() {
        InstanceSnapshot stopped = ConsoleTestStack.take(i -> i.state() == InstanceState.STOPPED);
        Locator panel = open(stopped);
        PlaywrightAssertions.assertThat(panel.getByText("No datapoints in the last 24 hours")).isVisible();
        PlaywrightAssertions.assertThat(panel.locator("svg")).hasCount(0);
    }

    private Locator open(InstanceSnapshot instance) {
        signIn(ConsoleTestStack.READER, ConsoleTestStack.READER_PASSWORD);
        page.navigate(base + "/instances/" + instance.instanceId());
        Locator panel = page.locator("#instance-monitoring");
        // the panel replaces its loading state once CloudWatch has answered
        PlaywrightAssertions.assertThat(panel.locator(".loading-state")).hasCount(0);
        return panel;
    }

    private static double averageCpu(Locator cpu) {
        String summary = cpu.locator("figcaption").innerText();
        Matcher matcher = AVERAGE.matcher(summary);
        assertThat(matcher.find()).as(summary).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
