package com.ec2manager.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class InstanceColumnsTest {

    @Test
    void aChoiceSurvivesItsCookieAndUnknownColumnsOrSizesFallBackToTheDefaults() {
        InstanceColumns chosen = InstanceColumns.chosen(List.of("account", "type", "cpu"), 25);
        assertThat(chosen.shows("cpu")).isTrue();
        assertThat(chosen.shows("publicIp")).isFalse();
        InstanceColumns read = InstanceColumns.parse(chosen.cookieValue());
        assertThat(read).isEqualTo(chosen);
        assertThat(read.pageSize()).isEqualTo(25);

        assertThat(InstanceColumns.parse("7_nonsense.publicIp")).isEqualTo(new InstanceColumns(
                java.util.Set.of("publicIp"), InstanceColumns.DEFAULT_PAGE_SIZE));
        assertThat(InstanceColumns.parse("not a cookie")).isEqualTo(InstanceColumns.DEFAULT);
        assertThat(InstanceColumns.parse("200_")).isEqualTo(new InstanceColumns(java.util.Set.of(), 200));
    }

    @Test
    void eachPersonHasACookieOfTheirOwn() {
        assertThat(InstanceColumns.cookieName("admin@example.com"))
                .isEqualTo(InstanceColumns.cookieName("Admin@Example.com"))
                .isNotEqualTo(InstanceColumns.cookieName("readonly@example.com"))
                .matches("instance-columns-[0-9a-f]{16}");
    }
}
