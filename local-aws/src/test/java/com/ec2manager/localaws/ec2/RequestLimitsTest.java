package com.ec2manager.localaws.ec2;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLimitsTest {

    private final AtomicLong now = new AtomicLong();
    private final RequestLimits limits = new RequestLimits(new RequestLimits.Bucket(3, 2), new RequestLimits.Bucket(1, 1),
            now::get);

    @Test
    void aFullBucketAdmitsItsCapacityThenThrottlesUntilItRefills() {
        assertThat(admitted(5, "DescribeInstances", "111111111111", "us-east-1")).isEqualTo(3);
        assertThat(limits.throttled()).hasSize(2).allMatch(call -> call.operation().equals("DescribeInstances"));

        now.addAndGet(1_000_000_000L); // one second: two tokens back
        assertThat(admitted(3, "DescribeInstances", "111111111111", "us-east-1")).isEqualTo(2);
    }

    @Test
    void eachAccountRegionAndKindOfActionHasABucketOfItsOwn() {
        assertThat(admitted(3, "DescribeInstances", "111111111111", "us-east-1")).isEqualTo(3);
        assertThat(admitted(1, "DescribeInstances", "111111111111", "us-east-1")).isZero();

        assertThat(admitted(1, "StopInstances", "111111111111", "us-east-1")).as("mutating bucket").isEqualTo(1);
        assertThat(admitted(1, "DescribeInstances", "111111111111", "eu-west-1")).as("another region").isEqualTo(1);
        assertThat(admitted(1, "DescribeInstances", "222222222222", "us-east-1")).as("another account").isEqualTo(1);
    }

    private int admitted(int calls, String operation, String account, String region) {
        int admitted = 0;
        for (int i = 0; i < calls; i++) {
            if (limits.admit(new Ec2Call("r-" + i, operation, region, List.of(), "", Instant.EPOCH, Map.of(), account, null))) {
                admitted++;
            }
        }
        return admitted;
    }
}
