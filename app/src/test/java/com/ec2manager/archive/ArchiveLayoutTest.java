package com.ec2manager.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ArchiveLayoutTest {

    @Test
    void twoDigestsOfOneWriterWithinOneSecondHaveDifferentFilesThatSortInTheirOrder() {
        Instant timed = Instant.parse("2026-11-29T21:40:00.010Z");
        Instant closing = Instant.parse("2026-11-29T21:40:00.900Z");

        String first = ArchiveLayout.digestFile("writer-a", timed);
        String second = ArchiveLayout.digestFile("writer-a", closing);

        assertThat(first).isEqualTo("digests/writer-a/2026/11/29/20261129T214000.010Z.json");
        assertThat(second).isNotEqualTo(first);
        assertThat(second.compareTo(first)).as("a listing in key order gives the chain in order").isPositive();
    }

    @Test
    void aDigestLiesInTheFolderOfItsWritersDay() {
        String file = ArchiveLayout.digestFile("host/1", Instant.parse("2026-11-29T23:59:59.999Z"));

        assertThat(file).startsWith(ArchiveLayout.digestDay("host/1", java.time.LocalDate.of(2026, 11, 29)));
    }
}
