package com.ec2manager.localaws.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

class CloudTrailTest {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

    private static TrailEvent event(int n, Instant time) {
        return new TrailEvent("e-" + n, "StopInstances", "ec2.amazonaws.com", time, "eu-west-1", null,
                List.of("i-0123456789abcdef0"), "aws-cli", "127.0.0.1", "r-" + n, null);
    }

    @Test
    void theHistoryKeepsTheNewestEventsUpToItsBoundNewestFirst() {
        CloudTrail trail = new CloudTrail(Clock.fixed(NOW, ZoneOffset.UTC));
        for (int n = 0; n < CloudTrail.MAX_EVENTS + 5; n++) {
            trail.record(event(n, NOW.minusSeconds(CloudTrail.MAX_EVENTS + 5 - n)));
        }

        List<TrailEvent> all = trail.events(e -> true);
        assertThat(all).hasSize(CloudTrail.MAX_EVENTS);
        assertThat(all.get(0).eventId()).isEqualTo("e-" + (CloudTrail.MAX_EVENTS + 4));
        // the five oldest went, the sixth oldest is the last one kept
        assertThat(all.get(all.size() - 1).eventId()).isEqualTo("e-5");
    }

    @Test
    void anEventOlderThanNinetyDaysLeavesTheHistoryAndAYoungerOneStays() {
        CloudTrail trail = new CloudTrail(Clock.fixed(NOW, ZoneOffset.UTC));
        trail.record(event(1, NOW.minus(Duration.ofDays(91))));
        trail.record(event(2, NOW.minus(Duration.ofDays(89))));

        assertThat(trail.events(e -> true)).extracting(TrailEvent::eventId).containsExactly("e-2");
    }
}
