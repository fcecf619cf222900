package com.ec2manager.instances;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceQueryTest {

    private static final Instance WEB = instance("i-0000000000000000a", "Web-1", InstanceState.RUNNING, "t3.micro",
            "eu-west-1", Instant.parse("2025-01-03T00:00:00Z"), Map.of("Name", "Web-1", "Environment", "Production",
                    "Team", "Payments"));
    private static final Instance DB = instance("i-0000000000000000b", "db-primary", InstanceState.STOPPED, "r5.large",
            "us-east-1", Instant.parse("2025-01-01T00:00:00Z"), Map.of("Name", "db-primary", "Environment", "Staging"));
    private static final Instance NAMELESS = instance("i-0000000000000000c", null, InstanceState.PENDING, "T3.Micro",
            "us-east-1", null, Map.of("Team", "Data"));
    private static final List<Instance> FLEET = List.of(WEB, DB, NAMELESS);

    @Test
    void anEmptyQueryMatchesEverything() {
        assertThat(FLEET).allMatch(InstanceQuery.ALL::matches);
    }

    @Test
    void valuesOfOneFilterAreOredAndFiltersAreAnded() {
        InstanceQuery query = query(List.of(), List.of("running", "stopped"), List.of(), List.of("Environment"), null);
        assertThat(FLEET.stream().filter(query::matches)).containsExactly(WEB, DB);

        InstanceQuery narrower = query(List.of("us-east-1"), List.of("running,stopped"), List.of(), List.of(), null);
        assertThat(FLEET.stream().filter(narrower::matches)).containsExactly(DB);
    }

    @Test
    void instanceTypesCompareWithoutRegardToCase() {
        InstanceQuery query = query(List.of(), List.of(), List.of("t3.MICRO"), List.of(), null);
        assertThat(FLEET.stream().filter(query::matches)).containsExactly(WEB, NAMELESS);
    }

    @Test
    void aTagFilterNeedsTheKeyAndWhenGivenTheExactValue() {
        assertThat(FLEET.stream().filter(query(List.of(), List.of(), List.of(), List.of("Team"), null)::matches))
                .containsExactly(WEB, NAMELESS);
        assertThat(FLEET.stream().filter(query(List.of(), List.of(), List.of(), List.of("Environment=Production"), null)::matches))
                .containsExactly(WEB);
        assertThat(FLEET.stream().filter(query(List.of(), List.of(), List.of(), List.of("Environment=production"), null)::matches))
                .isEmpty();
        assertThat(FLEET.stream().filter(query(List.of(), List.of(), List.of(), List.of("Team=Payments", "Environment=Production"), null)::matches))
                .containsExactly(WEB);
    }

    @Test
    void aTagValueMayContainEqualsSignsAndCommas() {
        Instance odd = instance("i-0000000000000000d", "odd", InstanceState.RUNNING, "t3.micro", "us-east-1", null,
                Map.of("Formula", "a=b,c"));
        assertThat(query(List.of(), List.of(), List.of(), List.of("Formula=a=b,c"), null).matches(odd)).isTrue();
    }

    @Test
    void freeTextIsFoundInTheNameOrTheIdWithoutRegardToCase() {
        assertThat(FLEET.stream().filter(query(List.of(), List.of(), List.of(), List.of(), "WEB")::matches))
                .containsExactly(WEB);
        assertThat(FLEET.stream().filter(query(List.of(), List.of(), List.of(), List.of(), "000c")::matches))
                .containsExactly(NAMELESS);
        assertThat(FLEET.stream().filter(query(List.of(), List.of(), List.of(), List.of(), "  ")::matches))
                .hasSize(3);
    }

    @Test
    void freeTextIsAlsoFoundInAddressesTagsNetworkSecurityGroupsAndKeyName() {
        for (String text : List.of("10.0.0.1", "environment=production", "payments", "vpc-0a1", "SUBNET-0B2", "sg-0c3",
                "app-tier", "ops", "ami-1234")) {
            assertThat(query(List.of(), List.of(), List.of(), List.of(), text).matches(WEB)).as(text).isTrue();
        }
        assertThat(query(List.of(), List.of(), List.of(), List.of(), "10.0.0.2").matches(WEB)).isFalse();
    }

    @Test
    void anUnknownStateIsRefused() {
        assertThatThrownBy(() -> query(List.of(), List.of("sleeping"), List.of(), List.of(), null))
                .isInstanceOf(InvalidInstanceQueryException.class)
                .hasMessageContaining("sleeping");
    }

    @Test
    void aTagFilterWithoutAKeyIsRefused() {
        assertThatThrownBy(() -> query(List.of(), List.of(), List.of(), List.of("=Production"), null))
                .isInstanceOf(InvalidInstanceQueryException.class);
    }

    @Test
    void namesSortWithoutRegardToCaseAndMissingNamesComeLast() {
        assertThat(sorted("name")).containsExactly(DB, WEB, NAMELESS);
        assertThat(sorted("-name")).containsExactly(WEB, DB, NAMELESS);
    }

    @Test
    void launchTimeSortsBothWaysWithMissingTimesLast() {
        assertThat(sorted("launchTime")).containsExactly(DB, WEB, NAMELESS);
        assertThat(sorted("-launchTime")).containsExactly(WEB, DB, NAMELESS);
    }

    @Test
    void equalKeysAreOrderedByIdSoThatTheOrderIsStable() {
        assertThat(sorted("region")).containsExactly(WEB, DB, NAMELESS);
        assertThat(sorted("-region")).containsExactly(DB, NAMELESS, WEB);
    }

    @Test
    void everySortKeyIsUnderstoodAndOthersAreRefused() {
        for (String key : List.of("name", "id", "state", "type", "region", "launchTime", "-LAUNCHTIME", "+id")) {
            assertThat(InstanceSort.parse(key).toString()).isEqualToIgnoringCase(key.replace("+", ""));
        }
        assertThat(InstanceSort.parse(null)).isEqualTo(InstanceSort.DEFAULT);
        assertThatThrownBy(() -> InstanceSort.parse("owner"))
                .isInstanceOf(InvalidInstanceQueryException.class)
                .hasMessageContaining("launchTime");
    }

    private static List<Instance> sorted(String sort) {
        List<Instance> copy = new ArrayList<>(FLEET);
        copy.sort(InstanceSort.parse(sort).comparator());
        return copy;
    }

    private static InstanceQuery query(List<String> regions, List<String> states, List<String> types,
                                       List<String> tags, String text) {
        return InstanceQuery.of(regions, states, types, tags, text, null);
    }

    static Instance instance(String id, String name, InstanceState state, String type, String region,
                             Instant launchTime, Map<String, String> tags) {
        return new Instance(id, name, state, type, region + "a", region, "10.0.0.1", null, null, null, launchTime,
                "Linux/UNIX", "ami-12345678", tags, tags.get(Instance.AUTO_SCALING_GROUP_TAG), "123456789012", "Management",
                "vpc-0a1", "subnet-0b2", "ops", null, List.of(new Instance.SecurityGroup("sg-0c3", "app-tier")), "/dev/xvda",
                "ebs", List.of(), List.of(), null, null, null);
    }
}
