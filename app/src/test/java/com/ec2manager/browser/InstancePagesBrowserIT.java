package com.ec2manager.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.localaws.ec2.InstanceState;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;

/**
 * The defects found on the instance pages, each shown gone in Chromium: the "+N more" tags
 * marker, the count and the Clear link after a filter, sort markers on every sortable column, the
 * Auto Scaling acknowledgement enforced in the page with the reason kept on a refusal, "1
 * instance", copy buttons, the bulk result page (post/redirect/get, names, ids kept whole,
 * retrying the failed ones), and an instance page that follows an action live.
 */
class InstancePagesBrowserIT extends BrowserSession {

    private void signInAsAdmin() {
        signIn(ConsoleTestStack.ADMIN, ConsoleTestStack.ADMIN_PASSWORD);
    }

    /** The tags a table row shows: not Name, not aws:*, by key. */
    private static List<String> shownTagKeys(InstanceSnapshot instance) {
        return instance.tags().keySet().stream().filter(key -> !key.equals("Name") && !key.startsWith("aws:"))
                .sorted().toList();
    }

    @Test
    void aRowWithMoreThanTwoTagsShowsHowManyMoreAndWhichInItsTitle() {
        InstanceSnapshot tagged = ConsoleTestStack.ec2().instances("us-east-1").stream()
                .filter(instance -> shownTagKeys(instance).size() > 2).findFirst().orElseThrow();
        List<String> keys = shownTagKeys(tagged);
        signInAsAdmin();

        page.navigate(base + "/instances?q=" + tagged.instanceId());
        Locator row = page.locator("#row-" + tagged.instanceId());
        Locator marker = row.locator(".tags__more");
        PlaywrightAssertions.assertThat(marker).isVisible();
        PlaywrightAssertions.assertThat(marker).hasText("+" + (keys.size() - 2) + " more");
        PlaywrightAssertions.assertThat(marker).hasAttribute("title", String.join(", ", keys.subList(2, keys.size()).stream()
                .map(key -> key + "=" + tagged.tags().get(key)).toList()));
        // the two shown are the first two by key
        PlaywrightAssertions.assertThat(row.locator(".tag")).hasCount(2);
        PlaywrightAssertions.assertThat(row.locator(".tag").first()).containsText(keys.get(0) + "=");
    }

    @Test
    void afterAFilterTheHeaderCountsWhatIsShownAndTheClearLinkAppears() {
        InstanceSnapshot target = ConsoleTestStack.ec2().instances("eu-west-1").get(0);
        signInAsAdmin();
        page.navigate(base + "/instances");
        Locator count = page.locator("#instances-count");
        PlaywrightAssertions.assertThat(count).containsText(" instances in ");
        Locator clear = page.locator("#filters-clear a");
        PlaywrightAssertions.assertThat(clear).hasCount(0);

        page.locator("#f-q").fill(target.instanceId());
        page.locator("#f-q").press("Enter");
        PlaywrightAssertions.assertThat(page.locator("table.instances-table tbody tr")).hasCount(1);
        PlaywrightAssertions.assertThat(count).hasText(Pattern.compile("^1 instance matches the filter"));
        PlaywrightAssertions.assertThat(clear).isVisible();

        clear.click();
        PlaywrightAssertions.assertThat(count).containsText(" instances in ");
        PlaywrightAssertions.assertThat(page.locator("#filters-clear a")).hasCount(0);
    }

    @Test
    void everySortableColumnCarriesAMarkerAndTheSortedOneItsDirection() {
        signInAsAdmin();
        page.navigate(base + "/instances");
        Locator links = page.locator("table.instances-table thead a.sort");
        assertThat(links.count()).isGreaterThanOrEqualTo(5);
        for (int n = 0; n < links.count(); n++) {
            assertThat(marker(links.nth(n))).as(links.nth(n).innerText()).containsAnyOf("↕", "▲", "▼");
        }
        // aria-sort is on the header cell of the sorted column only, never on a link
        PlaywrightAssertions.assertThat(page.locator("table.instances-table thead [aria-sort]")).hasCount(1);
        PlaywrightAssertions.assertThat(page.locator("table.instances-table thead a[aria-sort]")).hasCount(0);

        Locator type = page.locator("table.instances-table thead a.sort", new Page.LocatorOptions().setHasText("Type"));
        assertThat(marker(type)).contains("↕");
        type.click();
        PlaywrightAssertions.assertThat(page).hasURL(Pattern.compile(".*sort=type.*"));
        type = page.locator("table.instances-table thead a.sort", new Page.LocatorOptions().setHasText("Type"));
        PlaywrightAssertions.assertThat(page.locator("table.instances-table thead th[aria-sort=ascending]")).containsText("Type");
        assertThat(marker(type)).contains("▲");
    }

    private static String marker(Locator link) {
        return (String) link.evaluate("el => getComputedStyle(el, '::after').content");
    }

    @Test
    void stopStaysDisabledUntilTheAutoScalingAcknowledgementIsTickedAndARefusalKeepsTheReason() {
        InstanceSnapshot member = ConsoleTestStack.take(instance -> instance.state() == InstanceState.RUNNING
                && instance.autoScalingGroup() != null && !instance.disableApiStop() && !instance.disableApiTermination());
        String reason = "ASG test " + UUID.randomUUID().toString().substring(0, 8);
        signInAsAdmin();

        page.navigate(base + "/instances/" + member.instanceId());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stop").setExact(true)).click();
        Locator dialog = page.locator("dialog#dialog-stop");
        dialog.getByLabel("Reason").fill(reason);
        Locator stop = dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Stop").setExact(true));
        PlaywrightAssertions.assertThat(stop).isDisabled();
        Locator acknowledge = dialog.getByLabel("I understand the Auto Scaling group may react");
        acknowledge.check();
        PlaywrightAssertions.assertThat(stop).isEnabled();
        acknowledge.uncheck();
        PlaywrightAssertions.assertThat(stop).isDisabled();

        // a form sent without the acknowledgement anyway (here: its button enabled by hand) is refused
        // in the page's words, and the dialog comes back with the reason as typed
        stop.evaluate("button => { button.disabled = false; }");
        stop.click();
        Locator refusal = page.locator(".alert--danger[role=alert]");
        PlaywrightAssertions.assertThat(refusal).containsText("Tick");
        PlaywrightAssertions.assertThat(refusal).not().containsText("confirmAutoScaling");
        Locator again = page.locator("dialog#dialog-stop[open]");
        PlaywrightAssertions.assertThat(again).isVisible();
        PlaywrightAssertions.assertThat(again.getByLabel("Reason")).hasValue(reason);
        PlaywrightAssertions.assertThat(again.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Stop")
                .setExact(true))).isDisabled();
        assertThat(stateOf(member)).isEqualTo(InstanceState.RUNNING);
    }

    @Test
    void aBulkDialogCountsOneInstanceInTheSingular() {
        signInAsAdmin();
        // running ones: the dialog counts the instances it would stop
        page.navigate(base + "/instances?state=running");
        Locator boxes = page.locator("input.js-select-row");
        Locator heading = page.locator("#dialog-bulk-stop-title");

        boxes.nth(0).check();
        page.locator(".js-bulk-bar [data-dialog-open=dialog-bulk-stop]").click();
        PlaywrightAssertions.assertThat(heading).hasText("Stop 1 instance");
        page.locator("dialog#dialog-bulk-stop [data-dialog-close]").first().click();

        boxes.nth(1).check();
        page.locator(".js-bulk-bar [data-dialog-open=dialog-bulk-stop]").click();
        PlaywrightAssertions.assertThat(heading).hasText("Stop 2 instances");
    }

    @Test
    void copyButtonsPutTheIdAndTheAddressesOnTheClipboard() {
        InstanceSnapshot some = ConsoleTestStack.ec2().instances("us-east-1").stream()
                .filter(instance -> instance.state() == InstanceState.RUNNING).findFirst().orElseThrow();
        context.grantPermissions(List.of("clipboard-read", "clipboard-write"), new com.microsoft.playwright.BrowserContext
                .GrantPermissionsOptions().setOrigin(base));
        signInAsAdmin();
        page.navigate(base + "/instances/" + some.instanceId());

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copy instance id " + some.instanceId())).click();
        assertThat(clipboard()).isEqualTo(some.instanceId());
        PlaywrightAssertions.assertThat(page.locator("#live-announcer")).hasText("Copied to the clipboard");

        String privateIp = page.locator("dt:text-is('Private IP') + dd span").innerText();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copy private IP " + privateIp)).click();
        assertThat(clipboard()).isEqualTo(privateIp);
        String privateDns = page.locator("dt:text-is('Private DNS') + dd span").innerText();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copy private DNS name " + privateDns)).click();
        assertThat(clipboard()).isEqualTo(privateDns);

        // the list has them too
        page.navigate(base + "/instances?q=" + some.instanceId());
        page.locator("#row-" + some.instanceId()).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Copy instance id " + some.instanceId())).click();
        assertThat(clipboard()).isEqualTo(some.instanceId());
    }

    private String clipboard() {
        return (String) page.evaluate("() => navigator.clipboard.readText()");
    }

    @Test
    void aBulkResultNamesEachInstanceSurvivesAReloadWithoutActingAgainAndRetriesTheFailedOnes() throws Exception {
        InstanceSnapshot plain = ConsoleTestStack.take(ConsoleTestStack.plainRunning()
                .and(instance -> instance.region().equals("us-east-1")));
        // stopped by someone else while the dialog is open: EC2 refuses to reboot it, which the dialog cannot foresee
        InstanceSnapshot overtaken = ConsoleTestStack.take(ConsoleTestStack.plainRunning()
                .and(instance -> instance.region().equals("us-east-1")));
        String reason = "Bulk test " + UUID.randomUUID().toString().substring(0, 8);
        signInAsAdmin();

        page.navigate(base + "/instances?region=us-east-1&state=running");
        page.locator("#select-" + plain.instanceId()).check();
        page.locator("#select-" + overtaken.instanceId()).check();
        page.locator(".js-bulk-bar [data-dialog-open=dialog-bulk-reboot]").click();
        Locator dialog = page.locator("dialog#dialog-bulk-reboot");
        dialog.getByLabel("Reason").fill(reason);
        assertThat(apiStop(overtaken, "Stopped elsewhere").statusCode()).isEqualTo(200);
        ConsoleTestStack.finishTransitions();
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reboot").setExact(true)).click();

        PlaywrightAssertions.assertThat(page).hasURL(Pattern.compile(".*/instances/actions/result\\?.*"));
        PlaywrightAssertions.assertThat(page.locator("#bulk-result-title")).hasText("Reboot: 1 accepted, 1 refused or failed");
        Locator accepted = page.locator("#bulk-result tr[data-instance=" + plain.instanceId() + "]");
        Locator refused = page.locator("#bulk-result tr[data-instance=" + overtaken.instanceId() + "]");
        PlaywrightAssertions.assertThat(accepted.locator(".row-title")).hasText(plain.name());
        PlaywrightAssertions.assertThat(accepted).containsText("SUCCEEDED");
        PlaywrightAssertions.assertThat(refused.locator(".row-title")).hasText(overtaken.name());
        PlaywrightAssertions.assertThat(refused).containsText("FAILED");
        // an id is never broken across lines
        assertThat(accepted.locator(".nowrap-id").first().evaluate("el => getComputedStyle(el).whiteSpace")).isEqualTo("nowrap");

        // reloading shows the same result and sends nothing to EC2
        long rebootsBefore = rebootCalls();
        page.reload();
        PlaywrightAssertions.assertThat(page.locator("#bulk-result-title")).hasText("Reboot: 1 accepted, 1 refused or failed");
        assertThat(rebootCalls()).isEqualTo(rebootsBefore);

        // retry the failed one: only it, with the same reason
        Locator retry = page.locator("form.bulk-retry");
        PlaywrightAssertions.assertThat(retry.locator("h3")).hasText("Retry the 1 failed one");
        PlaywrightAssertions.assertThat(retry.getByLabel("Reason")).hasValue(reason);
        String firstResult = page.url();
        retry.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reboot the 1 failed again")).click();
        PlaywrightAssertions.assertThat(page).not().hasURL(firstResult);
        PlaywrightAssertions.assertThat(page.locator("#bulk-result-title")).hasText("Reboot: 0 accepted, 1 refused or failed");
        PlaywrightAssertions.assertThat(page.locator("#bulk-result tbody tr")).hasCount(1);
        PlaywrightAssertions.assertThat(page.locator("#bulk-result tr[data-instance=" + overtaken.instanceId() + "]"))
                .isVisible();
    }

    private HttpResponse<String> apiStop(InstanceSnapshot target, String why) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/instances/" + target.instanceId() + "/stop"))
                .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"" + why + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long rebootCalls() {
        return ConsoleTestStack.ec2().calls().stream().filter(call -> call.operation().equals("RebootInstances")).count();
    }

    @Test
    void theInstancePageKeepsTheBannerRefreshesTheHistoryAndAnnouncesTheNewState() throws Exception {
        InstanceSnapshot target = ConsoleTestStack.take(ConsoleTestStack.plainRunning());
        String reason = "Live test " + UUID.randomUUID().toString().substring(0, 8);
        signInAsAdmin();
        page.navigate(base + "/instances/" + target.instanceId());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stop").setExact(true)).click();
        Locator dialog = page.locator("dialog#dialog-stop");
        dialog.getByLabel("Reason").fill(reason);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Stop").setExact(true)).click();
        Locator banner = page.locator("#action-accepted");
        PlaywrightAssertions.assertThat(banner).containsText("Stop accepted");
        PlaywrightAssertions.assertThat(page.locator("#instance-summary")).hasAttribute("data-state", "stopping");

        // two polls later the banner is still there
        for (int poll = 0; poll < 2; poll++) {
            page.waitForResponse(response -> response.url().contains(target.instanceId() + "?acted="), () -> { });
        }
        PlaywrightAssertions.assertThat(banner).isVisible();

        // a record written meanwhile (a refused reboot through the API) shows up without a reload
        String rebootReason = "Reboot while stopping " + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> reboot = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/instances/" + target.instanceId() + "/reboot"))
                .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"" + rebootReason + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reboot.statusCode()).isEqualTo(409);
        PlaywrightAssertions.assertThat(page.locator("#instance-history")).containsText(rebootReason,
                new LocatorAssertions.ContainsTextOptions().setTimeout(PATIENCE.toMillis()));

        page.evaluate("() => { window.consoleTestMark = 'still-here'; }");
        ConsoleTestStack.finishTransitions();
        PlaywrightAssertions.assertThat(page.locator("#instance-summary")).hasAttribute("data-state", "stopped",
                new LocatorAssertions.HasAttributeOptions().setTimeout(PATIENCE.toMillis()));
        PlaywrightAssertions.assertThat(banner).containsText("Now stopped");
        PlaywrightAssertions.assertThat(page.locator("#live-announcer")).hasText(
                (target.name() == null || target.name().isBlank() ? target.instanceId() : target.name()) + " is now stopped");
        assertThat(page.evaluate("() => window.consoleTestMark")).isEqualTo("still-here");
    }

    private static String adminToken() {
        try (CognitoIdentityProviderClient cognito = ConsoleTestStack.cognitoClient()) {
            return cognito.initiateAuth(b -> b.authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .clientId(com.ec2manager.localaws.cognito.CognitoEmulatorSettings.DEFAULT_CLIENT_ID)
                    .authParameters(Map.of("USERNAME", ConsoleTestStack.ADMIN, "PASSWORD", ConsoleTestStack.ADMIN_PASSWORD)))
                    .authenticationResult().accessToken();
        }
    }

    private static InstanceState stateOf(InstanceSnapshot target) {
        return ConsoleTestStack.ec2().instances(target.region()).stream()
                .filter(instance -> instance.instanceId().equals(target.instanceId())).findFirst().orElseThrow().state();
    }
}
