package com.ec2manager.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.ec2manager.localaws.testing.MutableClock;
import org.junit.jupiter.api.Test;

class AuditTimestampsTest {

    private final MutableClock clock = MutableClock.at("2025-01-13T10:30:00.000Z");
    private final AuditTimestamps timestamps = new AuditTimestamps(clock);

    @Test
    void theFirstKeyOfAMillisecondIsThatMillisecondWithNineFractionDigits() {
        clock.set(Instant.parse("2025-01-13T10:30:00.123Z"));
        assertThat(timestamps.next()).isEqualTo("2025-01-13T10:30:00.123000000Z");
    }

    @Test
    void keysWithinOneFrozenMillisecondCountUpInTheLastSixDigits() {
        assertThat(List.of(timestamps.next(), timestamps.next(), timestamps.next())).containsExactly(
                "2025-01-13T10:30:00.000000000Z", "2025-01-13T10:30:00.000000001Z", "2025-01-13T10:30:00.000000002Z");
    }

    @Test
    void aNewMillisecondStartsAtItsOwnValue() {
        timestamps.next();
        timestamps.next();
        clock.advance(Duration.ofMillis(5));
        assertThat(timestamps.next()).isEqualTo("2025-01-13T10:30:00.005000000Z");
    }

    @Test
    void aClockThatStepsBackNeverProducesAnEarlierKey() {
        clock.set(Instant.parse("2025-01-13T10:30:01.000Z"));
        String before = timestamps.next();
        clock.set(Instant.parse("2025-01-13T10:29:00.000Z"));
        String after = timestamps.next();
        assertThat(after).isEqualTo("2025-01-13T10:30:01.000000001Z").isGreaterThan(before);
    }

    @Test
    void aMillionAndOneKeysOfOneMillisecondSpillIntoTheNextMillisecondInOrder() {
        String last = null;
        for (int i = 0; i < 1_000_001; i++) {
            last = timestamps.next();
        }
        assertThat(last).isEqualTo("2025-01-13T10:30:00.001000000Z");
    }

    @Test
    void keysAreValidIsoInstantsWhoseStringOrderIsTimeOrder() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            if (i % 7 == 0) {
                clock.advance(Duration.ofMillis(i % 3 == 0 ? 999 : 1));
            }
            keys.add(timestamps.next());
        }
        assertThat(keys).isSorted().doesNotHaveDuplicates();
        List<Instant> instants = keys.stream().map(Instant::parse).toList();
        assertThat(instants).isSorted();
        assertThat(keys.stream().map(AuditTimestamps::parse).toList()).isEqualTo(instants);
        assertThat(keys).allSatisfy(k -> assertThat(k).hasSize(30).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z"));
    }

    @Test
    void concurrentCallersWithAFrozenClockNeverGetTheSameKey() throws Exception {
        Set<String> keys = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    keys.add(timestamps.next());
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(keys).hasSize(80_000);
    }

    @Test
    void aKeyParsesBackToTheInstantItStandsFor() {
        assertThat(AuditTimestamps.parse("2025-01-13T10:30:00.000000001Z"))
                .isEqualTo(Instant.parse("2025-01-13T10:30:00Z").plusNanos(1));
        assertThat(AuditTimestamps.format(Instant.parse("2025-01-13T10:30:00Z")))
                .isEqualTo("2025-01-13T10:30:00.000000000Z");
        assertThat(AuditTimestamps.parse("2024-02-29T23:59:59.999999999Z"))
                .isEqualTo(Instant.parse("2024-02-29T23:59:59.999999999Z"));
        assertThat(AuditTimestamps.parse("2025-01-13T10:30:00Z")).isEqualTo(Instant.parse("2025-01-13T10:30:00Z"));
        assertThatThrownBy(() -> AuditTimestamps.parse("yesterday")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditTimestamps.parse("2025-02-30T10:30:00.000000000Z"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
