package com.ec2manager.localaws.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CallRecordTest {

    @Test
    void onlyTheMostRecentThousandCallsAreKept() {
        Ec2HttpHandler.Queue calls = new Ec2HttpHandler.Queue();
        for (int i = 0; i < 2500; i++) {
            calls.add(call(i));
        }

        List<Ec2Call> kept = calls.list();
        assertThat(kept).hasSize(Ec2HttpHandler.Queue.KEPT);
        assertThat(kept.get(0).requestId()).isEqualTo("r-1500");
        assertThat(kept.get(kept.size() - 1).requestId()).isEqualTo("r-2499");
    }

    @Test
    void afterClearingTheRecordFillsUpToTheBoundAgain() {
        Ec2HttpHandler.Queue calls = new Ec2HttpHandler.Queue();
        for (int i = 0; i < 1200; i++) {
            calls.add(call(i));
        }
        calls.clear();
        assertThat(calls.list()).isEmpty();
        for (int i = 0; i < 1000; i++) {
            calls.add(call(i));
        }
        assertThat(calls.list()).hasSize(1000).first().extracting(Ec2Call::requestId).isEqualTo("r-0");
    }

    private static Ec2Call call(int i) {
        return new Ec2Call("r-" + i, "DescribeInstances", "us-east-1", List.of(), "test", Instant.EPOCH, Map.of(),
                "123456789012", null);
    }
}
