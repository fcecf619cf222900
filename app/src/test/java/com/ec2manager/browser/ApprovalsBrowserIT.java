package com.ec2manager.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType.builder;

import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.ec2manager.approvals.Approvals;
import com.ec2manager.identity.Operator;
import com.ec2manager.identity.Role;
import com.ec2manager.localaws.cognito.CognitoEmulatorSettings;
import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.localaws.ec2.InstanceState;
import com.ec2manager.web.Caller;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/**
 * The approval queue in Chromium: an admin creates a policy on its page and stops an instance it
 * matches; the stop waits (the instance keeps running) and the requester cannot approve it, neither
 * from the page nor by sending the form anyway; another admin sees the count in the navigation,
 * opens the request from the queue and approves it, and the stop runs.
 */
class ApprovalsBrowserIT extends BrowserSession {

    @Autowired
    Approvals approvals;

    private String policyName;

    /** The policy never outlives its test, however the test ends: it would hold other tests' stops. */
    @AfterEach
    void deletePolicy() {
        Operator cleaner = new Operator("approvals-browser-it", "cleaner@example.com", Set.of(Role.ADMIN));
        approvals.policies().stream().filter(p -> p.name().equals(policyName)).forEach(p ->
                approvals.deletePolicy(cleaner, new Caller("127.0.0.1", "ApprovalsBrowserIT", "cleanup-" + p.id()), p.id()));
    }

    @Test
    void aStopHeldByAPolicyRunsWhenAnotherAdminApprovesItFromTheQueueAndTheRequesterCannotApproveIt() {
        InstanceSnapshot target = ConsoleTestStack.take(ConsoleTestStack.plainRunning());
        policyName = "bt-" + UUID.randomUUID().toString().substring(0, 8);
        String reason = "approval browser test " + policyName;
        String approver = "approver-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String approverPassword = "Approver-Pass-" + UUID.randomUUID().toString().substring(0, 6) + "1!";
        createAdmin(approver, approverPassword);
        signIn(ConsoleTestStack.ADMIN, ConsoleTestStack.ADMIN_PASSWORD);

        // the policy, on its page: stops of this instance's name in its region
        page.navigate(base + "/approvals/policies");
        page.getByLabel("Name").fill(policyName);
        page.getByLabel("Terminate").uncheck();
        page.getByLabel("Stop").check();
        page.getByLabel("Regions").fill(target.region());
        page.getByLabel("Tags").fill("Name=" + target.name());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create policy")).click();
        PlaywrightAssertions.assertThat(page.locator(".alert--success")).containsText(policyName);

        // the stop is held: the request's page says so, the instance runs on
        page.navigate(base + "/instances/" + target.instanceId());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stop").setExact(true)).click();
        Locator dialog = page.locator("dialog#dialog-stop");
        dialog.getByLabel("Reason").fill(reason);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Stop").setExact(true)).click();
        PlaywrightAssertions.assertThat(page).hasURL(Pattern.compile(".*/approvals/[0-9a-f-]+\\?notice=held"));
        PlaywrightAssertions.assertThat(page.locator(".alert--info")).containsText("Nothing was done yet");
        String request = page.url().replaceAll(".*/approvals/([0-9a-f-]+).*", "$1");
        assertThat(stateOf(target)).isEqualTo(InstanceState.RUNNING);

        // its requester sees why there is no Approve button, and a forged approval is refused
        PlaywrightAssertions.assertThat(page.getByText("You asked for this action, so you cannot approve it")).isVisible();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve")
                .setExact(true))).hasCount(0);
        Object forged = page.evaluate("async id => { const h = document.querySelector('meta[name=csrf-header]').content;"
                + " const t = document.querySelector('meta[name=csrf-token]').content;"
                + " const r = await fetch('/approvals/' + id + '/approve', {method: 'POST', redirect: 'manual',"
                + " headers: {[h]: t, 'Content-Type': 'application/x-www-form-urlencoded'}, body: 'comment=mine'});"
                + " return r.status; }", request);
        assertThat(((Number) forged).intValue()).isEqualTo(403);
        page.reload();
        PlaywrightAssertions.assertThat(page.locator(".pill--warn").first()).hasText("Waiting for approval");
        assertThat(stateOf(target)).isEqualTo(InstanceState.RUNNING);
        page.locator(".app-user__signout button").click();

        // another admin: the count in the navigation, the request in the queue, approved with a comment
        signIn(approver, approverPassword);
        page.navigate(base + "/instances");
        PlaywrightAssertions.assertThat(page.locator(".app-nav .nav-count")).hasText(Pattern.compile("[1-9][0-9]*"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Approvals"))).click();
        Locator row = page.locator("section[aria-labelledby=pending-title] tr", new Page.LocatorOptions()
                .setHas(page.locator("a[href$='/approvals/" + request + "']")));
        PlaywrightAssertions.assertThat(row).containsText(ConsoleTestStack.ADMIN);
        PlaywrightAssertions.assertThat(row).containsText(target.instanceId());
        row.getByRole(AriaRole.LINK).click();
        page.getByLabel("Comment").fill("fine by me");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve").setExact(true)).click();

        PlaywrightAssertions.assertThat(page.locator(".alert--success")).containsText("the action ran");
        PlaywrightAssertions.assertThat(page.locator("dl.kv")).containsText("Approved and done");
        PlaywrightAssertions.assertThat(page.locator(".plain-list")).containsText(approver);
        assertThat(stateOf(target)).isIn(InstanceState.STOPPING, InstanceState.STOPPED);
    }

    @Test
    void aDisableHeldByAUserActionPolicyMadeOnItsPageLeavesTheUserEnabledAndThePersonOnTheRequest() {
        policyName = "bt-users-" + UUID.randomUUID().toString().substring(0, 8);
        String target = "held-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        createAdmin(target, "Held-Pass-" + UUID.randomUUID().toString().substring(0, 6) + "1!");
        signIn(ConsoleTestStack.ADMIN, ConsoleTestStack.ADMIN_PASSWORD);

        // a policy on a user action takes no instance scopes: the page says so, and refuses a mix
        page.navigate(base + "/approvals/policies");
        page.getByLabel("Name").fill(policyName);
        page.getByLabel("Terminate").uncheck();
        page.getByLabel("Disable user").check();
        page.getByLabel("Tags").fill("Environment=production");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create policy")).click();
        PlaywrightAssertions.assertThat(page.locator("main")).containsText("act on users");
        page.navigate(base + "/approvals/policies");
        page.getByLabel("Name").fill(policyName);
        page.getByLabel("Terminate").uncheck();
        page.getByLabel("Disable user").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create policy")).click();
        PlaywrightAssertions.assertThat(page.locator(".alert--success")).containsText(policyName);
        PlaywrightAssertions.assertThat(page.locator("tr", new Page.LocatorOptions().setHasText(policyName)))
                .containsText("every user");

        page.navigate(base + "/users/" + target);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable").setExact(true)).click();
        PlaywrightAssertions.assertThat(page).hasURL(Pattern.compile(".*/approvals/[0-9a-f-]+\\?notice=held"));
        PlaywrightAssertions.assertThat(page.locator(".alert--info")).containsText("Nothing was done yet");
        PlaywrightAssertions.assertThat(page.locator("h1")).hasText("Disable user " + target);
        try (CognitoIdentityProviderClient cognito = ConsoleTestStack.cognitoClient()) {
            assertThat(cognito.adminGetUser(b -> b.userPoolId(CognitoEmulatorSettings.DEFAULT_USER_POOL_ID)
                    .username(target)).enabled()).as("Cognito is not called until another admin approves").isTrue();
        }
    }

    private static void createAdmin(String email, String password) {
        String pool = CognitoEmulatorSettings.DEFAULT_USER_POOL_ID;
        try (CognitoIdentityProviderClient cognito = ConsoleTestStack.cognitoClient()) {
            cognito.adminCreateUser(b -> b.userPoolId(pool).username(email).temporaryPassword("Temporary-Pass-1!")
                    .messageAction(MessageActionType.SUPPRESS)
                    .userAttributes(builder().name("email").value(email).build(),
                            builder().name("email_verified").value("true").build(),
                            builder().name("given_name").value("Avery").build(),
                            builder().name("family_name").value("Approver").build(),
                            builder().name("custom:role").value("admin").build()));
            cognito.adminSetUserPassword(b -> b.userPoolId(pool).username(email).password(password).permanent(true));
            cognito.adminAddUserToGroup(b -> b.userPoolId(pool).username(email).groupName("admin"));
        }
    }

    private static InstanceState stateOf(InstanceSnapshot target) {
        return ConsoleTestStack.ec2().instances(target.region()).stream()
                .filter(instance -> instance.instanceId().equals(target.instanceId())).findFirst().orElseThrow().state();
    }
}
