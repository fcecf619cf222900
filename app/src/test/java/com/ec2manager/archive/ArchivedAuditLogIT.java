package com.ec2manager.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.localaws.testing.MutableClock;
import com.ec2manager.stream.AuditChange;
import com.ec2manager.testing.MutableClockConfiguration;
import com.ec2manager.testing.SignedInAs;
import com.ec2manager.testing.StreamTestSettings;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

/**
 * A departed employee's actions, 40 days later: the table has let them go (its retention is 31
 * days), the audit log page and the export read them from the archive, and both say so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import(MutableClockConfiguration.class)
@DirtiesContext
class ArchivedAuditLogIT {

    private static final Pattern NEXT = Pattern.compile("href=\"(/audit\\?[^\"]*archiveBefore[^\"]*)\" rel=\"next\"");
    private static final Pattern PREVIOUS = Pattern.compile("href=\"/audit\\?([^\"]*)\" rel=\"prev\"");

    @DynamicPropertySource
    static void stream(DynamicPropertyRegistry registry) {
        StreamTestSettings.register(registry, "archived-log-it");
    }

    @Autowired
    AuditTrail trail;
    @Autowired
    ArchiveReader archive;
    @Autowired
    MutableClock clock;
    @Autowired
    MockMvc mvc;

    private final String user = "departed-" + UUID.randomUUID();

    private static RequestPostProcessor auditor() {
        return SignedInAs.operator("auditor", "auditor@example.com", "admin");
    }

    private List<String> actions(int count) {
        List<String> instances = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            String instance = "i-departed" + n + UUID.randomUUID().toString().substring(0, 6);
            AuditRecord record = trail.begin(new AuditIntent(new AuditActor(user, "departed@example.com", "127.0.0.1",
                    "it"), AuditAction.STOP_INSTANCE, ResourceType.EC2_INSTANCE, instance, null, "req-" + instance));
            trail.complete(record.key(), AuditResult.succeeded("stopping", "aws-" + instance));
            instances.add(instance);
        }
        return instances;
    }

    private String page(String query) throws Exception {
        return mvc.perform(get(URI.create("/audit?" + query)).with(auditor())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private static String link(Pattern pattern, String page) {
        Matcher link = pattern.matcher(page);
        assertThat(link.find()).as("a link %s", pattern).isTrue();
        String href = link.group(1).replace("&amp;", "&");
        return href.startsWith("/audit?") ? href.substring("/audit?".length()) : href;
    }

    @Test
    void aRangeOlderThanTheTablesRetentionIsReadFromTheArchiveByThePageAndTheExportWhichSaySo() throws Exception {
        Instant start = clock.instant().minusSeconds(1);
        List<String> instances = actions(3); // written oldest first
        // the archive writes a shard's file when its interval (2 s here) is over on the application's clock
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> archive.newestFirst(start, clock.advance(Duration.ofSeconds(2)).plusSeconds(60))
                        .filter(change -> change.userId().equals(user))
                        .filter(change -> "SUCCEEDED".equals(AuditChange.string(change.latestImage(), "outcome")))
                        .count() == 3);

        clock.advance(Duration.ofDays(40));
        String range = "userId=" + user + "&from=" + start.minus(Duration.ofDays(1)) + "&to=" + clock.instant();

        String recent = page("userId=" + user);
        assertThat(recent).as("the table's own range: expired there, and no archive read")
                .doesNotContain(instances.get(0), "reaches into the archive");
        String first = page(range + "&limit=2");
        assertThat(first).contains("This range reaches into the archive", instances.get(2), instances.get(1))
                .doesNotContain(instances.get(0));
        Matcher next = NEXT.matcher(first);
        assertThat(next.find()).as("a link to the older archived records").isTrue();
        String second = page(next.group(1).substring("/audit?".length()).replace("&amp;", "&"));
        assertThat(second).contains("This range reaches into the archive", instances.get(0))
                .doesNotContain(instances.get(1));

        // one record a page: "Newer" on the archive's second page leads to its first, not to the newest
        String one = page(range + "&limit=1");
        String two = page(link(NEXT, one));
        String three = page(link(NEXT, two));
        assertThat(three).contains(instances.get(0)).doesNotContain(instances.get(1));
        assertThat(page(link(PREVIOUS, three))).contains(instances.get(1))
                .doesNotContain(instances.get(0), instances.get(2));
        assertThat(page(link(PREVIOUS, two))).contains(instances.get(2)).doesNotContain(instances.get(1));

        MvcResult export = mvc.perform(get(URI.create("/api/v1/audit/export?format=jsonl&" + range)).with(auditor()))
                .andExpect(request().asyncStarted()).andExpect(header().exists("X-Audit-Archive-Until")).andReturn();
        String lines = mvc.perform(asyncDispatch(export)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(lines.lines().toList()).hasSize(3).satisfies(all -> {
            for (int n = 0; n < 3; n++) {
                assertThat(all.get(2 - n)).contains(instances.get(n), "\"outcome\":\"SUCCEEDED\"");
            }
        });
        assertThat(HtmlUtils.htmlUnescape(first)).contains("departed@example.com");
    }
}
