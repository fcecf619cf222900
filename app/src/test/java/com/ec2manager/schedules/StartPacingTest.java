package com.ec2manager.schedules;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StartPacingTest {

    /** "a/1", "a/2", … : place a, the n-th instance there. */
    private static List<String> instances(String place, int count) {
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            all.add(place + "/" + i);
        }
        return all;
    }

    private static String placeOf(String instance) {
        return instance.substring(0, instance.indexOf('/'));
    }

    @Test
    void eachAccountRegionStartsItsBurstAtOnceAndThenItsRefillEverySecondBesideTheOthers() {
        List<String> due = new ArrayList<>(instances("a", 7));
        due.addAll(instances("b", 3));

        var rounds = Schedules.paced(due, StartPacingTest::placeOf, 3, 2);

        assertThat(rounds).containsExactly(
                List.of("a/1", "a/2", "a/3", "b/1", "b/2", "b/3"),
                List.of("a/4", "a/5"),
                List.of("a/6", "a/7"));
    }

    @Test
    void aPlaceWithinItsBurstStartsInTheFirstRoundAlone() {
        assertThat(Schedules.paced(instances("a", 2), StartPacingTest::placeOf, 100, 2))
                .containsExactly(List.of("a/1", "a/2"));
        assertThat(Schedules.paced(List.<String>of(), StartPacingTest::placeOf, 100, 2)).isEmpty();
    }
}
