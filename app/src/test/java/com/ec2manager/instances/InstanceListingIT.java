package com.ec2manager.instances;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.ec2manager.localaws.ec2.Ec2Fault;
import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Listing and detail across the emulator's regions, through the JSON API, as a readonly operator. */
class InstanceListingIT extends SharedStackTestSupport {

    @AfterEach
    void healRegions() {
        TestEc2.get().clearFaults();
        // every picture fresh again for the next test
        clock.advance(Duration.ofMinutes(2));
        inventory.tick().join();
    }

    @Test
    void everyInstanceOfEveryRegionIsListed() throws Exception {
        String json = list("?limit=1000");

        List<String> ids = JsonPath.read(json, "$.instances[*].id");
        assertThat(ids).containsExactlyInAnyOrderElementsOf(TestEc2.all().stream().map(InstanceSnapshot::instanceId).toList());
        List<String> regions = JsonPath.read(json, "$.freshness[*].region");
        assertThat(regions).containsAll(TestEc2.REGIONS);
        assertThat((List<String>) JsonPath.read(json, "$.freshness[*].status")).containsOnly("FRESH");
        assertThat((List<String>) JsonPath.read(json, "$.instances[*].accountId")).containsOnly(TestEc2.get().accountIds().toArray(String[]::new));
        assertThat((List<?>) JsonPath.read(json, "$.failedRegions")).isEmpty();
    }

    @Test
    void filtersNarrowTheListAsEc2WouldSee() throws Exception {
        InstanceSnapshot sample = TestEc2.all().stream().filter(i -> !i.name().isEmpty()).findFirst().orElseThrow();
        String team = sample.tags().get("Team");

        List<String> byRegionAndTag = JsonPath.read(list("?limit=1000&region=" + sample.region() + "&tag=Team=" + team), "$.instances[*].id");
        assertThat(byRegionAndTag).containsExactlyInAnyOrderElementsOf(TestEc2.all().stream()
                .filter(i -> i.region().equals(sample.region()) && team.equals(i.tags().get("Team")))
                .map(InstanceSnapshot::instanceId).toList());

        List<String> byText = JsonPath.read(list("?limit=1000&q=" + sample.name().toUpperCase(Locale.ROOT)), "$.instances[*].id");
        assertThat(byText).contains(sample.instanceId());

        List<String> byTypeAndState = JsonPath.read(list("?limit=1000&type=" + sample.instanceType() + "&state=stopped,running"),
                "$.instances[*].id");
        assertThat(byTypeAndState).containsExactlyInAnyOrderElementsOf(TestEc2.all().stream()
                .filter(i -> i.instanceType().equals(sample.instanceType()))
                .filter(i -> i.state().name().equals("STOPPED") || i.state().name().equals("RUNNING"))
                .map(InstanceSnapshot::instanceId).toList());
    }

    @Test
    void theListIsSortedAsAsked() throws Exception {
        List<String> launchTimes = JsonPath.read(list("?limit=1000&sort=-launchTime"), "$.instances[*].launchTime");
        assertThat(launchTimes.stream().map(Instant::parse).toList()).isSortedAccordingTo(Comparator.reverseOrder());

        List<String> names = JsonPath.read(list("?limit=1000&sort=name&tag=Name"), "$.instances[*].name");
        assertThat(names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList()).isSorted();
    }

    @Test
    void aFailingRegionKeepsItsLastPictureShownAsStaleWithItsErrorWhileTheOthersStayFresh() throws Exception {
        TestEc2.get().failRegion("ap-southeast-2", Ec2Fault.unavailable());
        clock.advance(Duration.ofMinutes(2));
        inventory.tick().join();

        String json = list("?limit=1000");

        assertThat((List<String>) JsonPath.read(json, "$.failedRegions[*].region"))
                .containsExactly(TestEc2.DEFAULT_ACCOUNT + "/ap-southeast-2");
        assertThat((List<String>) JsonPath.read(json, "$.failedRegions[*].code")).containsExactly("Unavailable");
        assertThat((List<String>) JsonPath.read(json, "$.freshness[?(@.region == 'ap-southeast-2')].status")).containsExactly("STALE");
        assertThat((List<String>) JsonPath.read(json, "$.freshness[?(@.region != 'ap-southeast-2')].status")).containsOnly("FRESH");
        // its instances are still shown, as last read
        List<String> listedRegions = JsonPath.read(json, "$.instances[*].region");
        assertThat(listedRegions).contains("ap-southeast-2", "us-east-1", "eu-west-1");

        // the pages say it too: the stale one with its error and age, and every account-region's status
        long age = JsonPath.<List<Number>>read(json, "$.freshness[?(@.region == 'ap-southeast-2')].ageSeconds").get(0).longValue();
        int all = JsonPath.read(json, "$.freshness.length()");
        int fresh = ((List<?>) JsonPath.read(json, "$.freshness[?(@.status == 'FRESH')]")).size();
        assertThat(fresh).isEqualTo(all - 1);
        for (String page : List.of("/instances", "/")) {
            String html = mvc.perform(getAs(readonly(), page)).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            assertThat(html).as(page).contains("ap-southeast-2 is stale")
                    .contains("(Unavailable). Showing its instances as read " + age + " s ago.")
                    .contains("Inventory: " + fresh + " of " + all + " account-regions fresh")
                    .containsPattern("data-status=\"STALE\">\\s*<td><span>[^<]*</span> <span class=\"row-sub mono\">"
                            + TestEc2.DEFAULT_ACCOUNT + "</span></td>\\s*<td>ap-southeast-2</td>");
            assertThat(html).as(page).doesNotContain("us-east-1 is stale").contains("<td>us-east-1</td>");
        }
    }

    @Test
    void theDetailShowsProtectionAndAutoScalingMembership() throws Exception {
        InstanceSnapshot guarded = TestEc2.all().stream().filter(InstanceSnapshot::disableApiTermination).findFirst().orElseThrow();
        InstanceSnapshot scaled = TestEc2.all().stream().filter(i -> i.autoScalingGroup() != null).findFirst().orElseThrow();

        mvc.perform(getAs(readonly(), "/api/v1/instances/" + guarded.instanceId()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(guarded.instanceId()))
                .andExpect(jsonPath("$.region").value(guarded.region()))
                .andExpect(jsonPath("$.type").value(guarded.instanceType()))
                .andExpect(jsonPath("$.terminationProtection").value(true))
                .andExpect(jsonPath("$.stopProtection").value(guarded.disableApiStop()))
                .andExpect(jsonPath("$.availabilityZone").isNotEmpty())
                .andExpect(jsonPath("$.privateIp").isNotEmpty())
                .andExpect(jsonPath("$.imageId").isNotEmpty())
                .andExpect(jsonPath("$.launchTime").isNotEmpty());
        mvc.perform(getAs(readonly(), "/api/v1/instances/" + scaled.instanceId()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.autoScalingGroup").value(scaled.autoScalingGroup()))
                .andExpect(jsonPath("$.tags['aws:autoscaling:groupName']").value(scaled.autoScalingGroup()));
    }

    @Test
    void aFilterChangeFromTheResultsFormGetsOnlyWhatItSwapsWhileBackGetsTheWholePage() throws Exception {
        String swap = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .get("/instances?state=running").with(readonly().token()).accept(org.springframework.http.MediaType.TEXT_HTML)
                        .header("HX-Request", "true").header("HX-Target", "instances-results"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        // the results, the header's count and the Clear link: what hx-select and hx-select-oob take
        assertThat(swap).contains("id=\"instances-results\"", "id=\"instances-count\"", "id=\"filters-clear\"",
                "table instances-table").doesNotContain("<nav class=\"app-nav\"", "<form class=\"filters");

        // htmx restoring a page on Back (its history cache is off) asks for the same address: the whole page
        String restore = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .get("/instances?state=running").with(readonly().token()).accept(org.springframework.http.MediaType.TEXT_HTML)
                        .header("HX-Request", "true").header("HX-Target", "instances-results")
                        .header("HX-History-Restore-Request", "true"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(restore).contains("<nav class=\"app-nav\"", "<form class=\"filters", "id=\"instances-results\"");
    }

    @Test
    void aGarbageCursorOrAnOutOfRangeLimitIsABadRequest() throws Exception {
        mvc.perform(getAs(readonly(), "/api/v1/instances?cursor=bm90LWEtY3Vyc29y"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("InvalidQuery"));
        mvc.perform(getAs(readonly(), "/api/v1/instances?limit=0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("InvalidQuery"));
    }

    private String list(String query) throws Exception {
        return mvc.perform(getAs(readonly(), "/api/v1/instances" + query))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }
}
