package com.ec2manager.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ec2manager.testing.LocalStackTestBase;
import com.ec2manager.testing.MutableClockConfiguration;
import com.ec2manager.testing.SignedInAs;
import com.ec2manager.localaws.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/** The audit log page as people use it: walked older and back newer by its links; its way to the integrity check. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import(MutableClockConfiguration.class)
class AuditLogPageIT extends LocalStackTestBase {

    private static final Pattern NEXT = Pattern.compile("href=\"/audit\\?([^\"]*)\" rel=\"next\"");
    private static final Pattern PREVIOUS = Pattern.compile("href=\"/audit\\?([^\"]*)\" rel=\"prev\"");

    @Autowired
    AuditTrail trail;
    @Autowired
    MutableClock clock;
    @Autowired
    MockMvc mvc;

    private final String user = "pager-" + UUID.randomUUID();

    /** {@code count} records, a second apart; their instance ids, oldest first. */
    private List<String> actions(int count) {
        List<String> instances = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            String instance = "i-page" + n + UUID.randomUUID().toString().substring(0, 6);
            AuditRecord record = trail.begin(new AuditIntent(new AuditActor(user, "pager@example.com", "127.0.0.1",
                    "it"), AuditAction.STOP_INSTANCE, ResourceType.EC2_INSTANCE, instance, null, "req-" + instance));
            trail.complete(record.key(), AuditResult.succeeded("stopping", "aws-" + instance));
            clock.advance(java.time.Duration.ofSeconds(1));
            instances.add(instance);
        }
        return instances;
    }

    private String page(String query) throws Exception {
        return page(query, "readonly");
    }

    private String page(String query, String role) throws Exception {
        return mvc.perform(get(URI.create("/audit?" + query))
                        .with(SignedInAs.operator("auditor", "auditor@example.com", role)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void anInstanceRecordLinksToTheInstancesAddressInItsAccountAndRegionWhenItNamesThem() throws Exception {
        String placed = "i-placed" + UUID.randomUUID().toString().substring(0, 6);
        String bare = "i-bare" + UUID.randomUUID().toString().substring(0, 6);
        for (var details : List.of(AuditDetails.ofInstance("t3.micro", "running", "eu-west-1", "it", "210987654321", "Two"),
                AuditDetails.ofInstance("t3.micro", "running", null, "it"))) {
            String instance = details.accountId() != null ? placed : bare;
            AuditRecord record = trail.begin(new AuditIntent(new AuditActor(user, "pager@example.com", "127.0.0.1", "it"),
                    AuditAction.STOP_INSTANCE, ResourceType.EC2_INSTANCE, instance, details, "req-" + instance));
            trail.complete(record.key(), AuditResult.succeeded("stopping", "aws-" + instance));
        }

        String page = page("userId=" + user);

        assertThat(page).contains("href=\"/instances/210987654321/eu-west-1/" + placed + "\"")
                .contains("href=\"/instances/" + bare + "\"");
    }

    @Test
    void aRecordsRowCarriesTheLiveFeedsIdSoThatItsCompletionReplacesItAndAnotherRecordsDoesNot() throws Exception {
        String instance = "i-live" + UUID.randomUUID().toString().substring(0, 6);
        AuditRecord pending = trail.begin(new AuditIntent(new AuditActor(user, "pager@example.com", "127.0.0.1", "it"),
                AuditAction.STOP_INSTANCE, ResourceType.EC2_INSTANCE, instance, null, "req-" + instance));
        String rowId = new com.ec2manager.livefeed.LiveRowIds().of(pending.key());

        String page = page("userId=" + user);

        assertThat(page).contains("id=\"live-audit-" + rowId + "\"", "id=\"live-audit-detail-" + rowId + "\"");
        String other = new com.ec2manager.livefeed.LiveRowIds().of(new AuditKey(user + "-other", pending.key().timestamp()));
        assertThat(page).doesNotContain(other);
    }

    @Test
    void anAdministratorIsOfferedTheIntegrityCheckAndAReadonlyPersonIsNot() throws Exception {
        assertThat(page("limit=20", "admin")).contains("href=\"/integrity\"", "Check integrity");
        assertThat(page("limit=20", "readonly")).doesNotContain("href=\"/integrity\"", "Check integrity");
    }

    private static String link(Pattern pattern, String page) {
        Matcher link = pattern.matcher(page);
        assertThat(link.find()).as("a link %s", pattern).isTrue();
        return link.group(1).replace("&amp;", "&");
    }

    @Test
    void olderPagesLeadBackNewerOnePageAtATimeAndTheLastPageHasNoOlderLink() throws Exception {
        List<String> i = actions(5);

        String first = page("userId=" + user + "&limit=2");
        assertThat(first).contains(i.get(4), i.get(3)).doesNotContain(i.get(2)).doesNotContain("rel=\"prev\"");
        String second = page(link(NEXT, first));
        assertThat(second).contains(i.get(2), i.get(1)).doesNotContain(i.get(3), i.get(0));
        String third = page(link(NEXT, second));
        assertThat(third).contains(i.get(0)).doesNotContain(i.get(1)).doesNotContain("rel=\"next\"");

        String backToSecond = page(link(PREVIOUS, third));
        assertThat(backToSecond).contains(i.get(2), i.get(1)).doesNotContain(i.get(3), i.get(0));
        assertThat(page(link(PREVIOUS, backToSecond))).contains(i.get(4), i.get(3)).doesNotContain(i.get(2));
    }
}
