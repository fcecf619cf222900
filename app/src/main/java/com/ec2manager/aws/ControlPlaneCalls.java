package com.ec2manager.aws;

import java.time.Duration;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * Timeouts for the few start-up calls that create or describe tables: slower by nature (and a
 * DynamoDB Local that has just started answers its first CreateTable slowly) than the data calls
 * the client-wide timeouts of {@link AwsProperties.Timeouts} are sized for.
 */
public final class ControlPlaneCalls {

    public static final AwsRequestOverrideConfiguration TIMEOUTS = AwsRequestOverrideConfiguration.builder()
            .apiCallAttemptTimeout(Duration.ofSeconds(30)).apiCallTimeout(Duration.ofMinutes(2)).build();

    private ControlPlaneCalls() {
    }
}
