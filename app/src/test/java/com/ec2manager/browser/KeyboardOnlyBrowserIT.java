package com.ec2manager.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.localaws.ec2.InstanceState;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.junit.jupiter.api.Test;

/**
 * The console with the keyboard alone, in headless Chromium: nothing is clicked or filled by
 * selector; every step is Tab, Shift+Tab, Space, Enter or typed text, and every element that
 * takes the focus on the way must show it (an outline or a shadow).
 */
class KeyboardOnlyBrowserIT extends BrowserSession {

    /** More Tab presses than any page here has focusable elements before the one sought. */
    private static final int MAX_TABS = 120;

    @Test
    void anAdministratorSignsInFindsAnInstanceAndStopsItWithTheKeyboardAlone() {
        InstanceSnapshot target = ConsoleTestStack.take(ConsoleTestStack.plainRunning());
        String reason = "Keyboard stop " + UUID.randomUUID().toString().substring(0, 8);

        // sign in: Tab to the e-mail field, type, Tab to the password, type, Enter
        page.navigate(base + "/sign-in");
        tabTo("el.id === 'email'");
        assertFocusIsVisible();
        page.keyboard().type(ConsoleTestStack.ADMIN);
        page.keyboard().press("Tab");
        assertFocused("el.id === 'password'");
        assertFocusIsVisible();
        page.keyboard().type(ConsoleTestStack.ADMIN_PASSWORD);
        page.keyboard().press("Enter");
        PlaywrightAssertions.assertThat(page.locator(".app-user__email")).hasText(ConsoleTestStack.ADMIN);

        // the instances page through the main navigation
        tabTo("el.matches('.app-nav a') && el.textContent.trim() === 'Instances'");
        assertFocusIsVisible();
        page.keyboard().press("Enter");
        PlaywrightAssertions.assertThat(page.locator("main h1")).hasText("Instances");
        assertThat(page.url()).endsWith("/instances");

        // search for the instance: Tab to the search field, type its id, Enter
        tabTo("el.id === 'f-q'");
        assertFocusIsVisible();
        page.keyboard().type(target.instanceId());
        page.keyboard().press("Enter");
        Locator rows = page.locator("table.instances-table tbody tr");
        PlaywrightAssertions.assertThat(rows).hasCount(1);
        PlaywrightAssertions.assertThat(rows.first()).hasAttribute("data-state", "running");

        // select its row with Space, then back to the bulk bar's Stop with Shift+Tab
        tabTo("el.id === 'select-" + target.instanceId() + "'");
        assertFocusIsVisible();
        page.keyboard().press("Space");
        PlaywrightAssertions.assertThat(page.locator("#select-" + target.instanceId())).isChecked();
        PlaywrightAssertions.assertThat(page.locator(".js-selected-count")).hasText("1");
        tabBackTo("el.dataset.dialogOpen === 'dialog-bulk-stop'");
        assertFocusIsVisible();
        page.keyboard().press("Enter");

        // the dialog opens with the focus in the reason; type it, Tab to Stop, Enter
        Locator dialog = page.locator("dialog#dialog-bulk-stop");
        PlaywrightAssertions.assertThat(dialog).isVisible();
        PlaywrightAssertions.assertThat(dialog.locator(".js-target-list")).containsText(target.instanceId());
        assertFocused("el.id === 'bulk-reason-stop'");
        assertFocusIsVisible();
        page.keyboard().type(reason);
        tabTo("el.type === 'submit' && el.closest('dialog') && el.closest('dialog').id === 'dialog-bulk-stop'");
        assertFocusIsVisible();
        page.keyboard().press("Enter");

        // what really happened: the action was accepted, and EC2 (the emulator) stops the instance
        PlaywrightAssertions.assertThat(page.locator("#bulk-result-title"))
                .hasText("Stop: 1 accepted, 0 refused or failed");
        PlaywrightAssertions.assertThat(page.locator("#bulk-result")).containsText(target.instanceId());
        assertThat(stateOf(target)).isEqualTo(InstanceState.STOPPING);
        ConsoleTestStack.finishTransitions();
        assertThat(stateOf(target)).isEqualTo(InstanceState.STOPPED);

        // and the audit log has the record with the reason, reached by the keyboard again
        tabTo("el.matches('.app-nav a') && el.textContent.trim() === 'Audit log'");
        page.keyboard().press("Enter");
        PlaywrightAssertions.assertThat(page.locator("main h1")).hasText("Audit log");
        tabTo("el.matches('tr.audit-row-main button') && el.closest('tr').textContent.includes('"
                + target.instanceId() + "')");
        assertFocusIsVisible();
        page.keyboard().press("Enter");
        PlaywrightAssertions.assertThat(page.locator("tr.audit-detail").filter(
                new Locator.FilterOptions().setHasText(reason))).isVisible(
                new LocatorAssertions.IsVisibleOptions().setTimeout(PATIENCE.toMillis()));
    }

    private InstanceState stateOf(InstanceSnapshot target) {
        return ConsoleTestStack.ec2().instances(target.region()).stream()
                .filter(i -> i.instanceId().equals(target.instanceId())).findFirst().orElseThrow().state();
    }

    /** Presses Tab until the focused element {@code el} meets the JavaScript condition. */
    private void tabTo(String condition) {
        moveFocus("Tab", condition);
    }

    /** Presses Shift+Tab until the focused element {@code el} meets the JavaScript condition. */
    private void tabBackTo(String condition) {
        moveFocus("Shift+Tab", condition);
    }

    private void moveFocus(String key, String condition) {
        for (int presses = 0; presses <= MAX_TABS; presses++) {
            if (focusedMeets(condition)) {
                return;
            }
            page.keyboard().press(key);
        }
        throw new AssertionError(key + " never reached an element where " + condition + "; the focus ended on "
                + page.evaluate("() => document.activeElement && document.activeElement.outerHTML.slice(0, 200)"));
    }

    private boolean focusedMeets(String condition) {
        return Boolean.TRUE.equals(page.evaluate("() => { const el = document.activeElement; "
                + "return !!el && el !== document.body && !!(" + condition + "); }"));
    }

    private void assertFocused(String condition) {
        assertThat(focusedMeets(condition)).as("the focus is on an element where %s, not on %s", condition,
                page.evaluate("() => document.activeElement && document.activeElement.outerHTML.slice(0, 200)"))
                .isTrue();
    }

    /** The focused element shows it: an outline of some width, or a shadow. */
    @SuppressWarnings("unchecked")
    private void assertFocusIsVisible() {
        Map<String, Object> style = (Map<String, Object>) page.evaluate("() => { const el = document.activeElement; "
                + "const s = getComputedStyle(el); return { tag: el.outerHTML.slice(0, 120), "
                + "outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, boxShadow: s.boxShadow }; }");
        boolean outline = !"none".equals(style.get("outlineStyle")) && !"0px".equals(style.get("outlineWidth"));
        boolean shadow = !"none".equals(style.get("boxShadow"));
        assertThat(outline || shadow).as("the focus is visible on %s", style).isTrue();
    }
}
