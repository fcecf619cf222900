package com.ec2manager.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.localaws.ec2.InstanceState;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.junit.jupiter.api.Test;

/**
 * The instance page's sections as the EC2 console has them: tags by key with AWS's {@code aws:}
 * tags apart, network interfaces, key pair and IAM instance profile, status checks.
 */
class InstanceDetailBrowserIT extends BrowserSession {

    @Test
    void tagsAreSortedByKeyWithAwsTagsApart() {
        InstanceSnapshot member = ConsoleTestStack.ec2().instances("us-east-1").stream()
                .filter(i -> i.autoScalingGroup() != null && i.tags().size() > 3).findFirst().orElseThrow();
        signIn(ConsoleTestStack.READER, ConsoleTestStack.READER_PASSWORD);
        page.navigate(base + "/instances/" + member.instanceId());

        List<String> own = page.locator("#instance-tags tbody td:first-child").allInnerTexts();
        assertThat(own).isNotEmpty().noneMatch(key -> key.startsWith("aws:"))
                .isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        List<String> aws = page.locator("#instance-aws-tags tbody td:first-child").allInnerTexts();
        assertThat(aws).contains("aws:autoscaling:groupName").allMatch(key -> key.startsWith("aws:"));
        assertThat(own.size() + aws.size()).isEqualTo(member.tags().size());

        // an instance without aws: tags has no such table
        InstanceSnapshot plain = ConsoleTestStack.ec2().instances("us-east-1").stream()
                .filter(i -> i.tags().keySet().stream().noneMatch(key -> key.startsWith("aws:"))).findFirst().orElseThrow();
        page.navigate(base + "/instances/" + plain.instanceId());
        PlaywrightAssertions.assertThat(page.locator("#instance-tags")).isVisible();
        PlaywrightAssertions.assertThat(page.locator("#instance-aws-tags")).hasCount(0);
    }

    @Test
    void theNetworkAndSecuritySectionsShowInterfacesKeyPairProfileAndStatusChecks() {
        InstanceSnapshot production = ConsoleTestStack.ec2().instances("eu-west-1").stream()
                .filter(i -> i.state() == InstanceState.RUNNING && "production".equals(i.tags().get("Environment")))
                .findFirst().orElseThrow();
        signIn(ConsoleTestStack.READER, ConsoleTestStack.READER_PASSWORD);
        page.navigate(base + "/instances/" + production.instanceId());

        Locator eni = page.locator("#network-interfaces tbody tr");
        PlaywrightAssertions.assertThat(eni).hasCount(1);
        PlaywrightAssertions.assertThat(eni).hasAttribute("data-interface", "eni-" + production.instanceId().substring(2));
        String privateIp = page.locator("dt:text-is('Private IP') + dd span").innerText();
        PlaywrightAssertions.assertThat(eni.locator("td").nth(2)).hasText(privateIp);
        PlaywrightAssertions.assertThat(page.locator("dt:text-is('IAM instance profile') + dd"))
                .containsText(":instance-profile/production-app-instance-profile");
        PlaywrightAssertions.assertThat(page.locator("dt:text-is('Key pair') + dd")).not().hasText("—");
        PlaywrightAssertions.assertThat(page.locator("dt:text-is('Status checks') + dd")).hasText("system ok, instance ok");

        InstanceSnapshot development = ConsoleTestStack.ec2().instances("eu-west-1").stream()
                .filter(i -> "development".equals(i.tags().get("Environment"))).findFirst().orElseThrow();
        page.navigate(base + "/instances/" + development.instanceId());
        PlaywrightAssertions.assertThat(page.locator("dt:text-is('IAM instance profile') + dd")).hasText("—");
    }
}
