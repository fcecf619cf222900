package com.ec2manager.aws;

import java.net.URI;
import java.time.Duration;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the application reaches AWS.
 *
 * @param mode      {@code local} (the default): the stand-ins of {@code local-aws}, started by the
 *                  application unless {@code ec2manager.local.start-stack} is false;
 *                  {@code aws}: real AWS through the SDK's default credential and region chains
 * @param region    the home region of DynamoDB and Cognito; empty in aws mode means the SDK's
 *                  default region chain
 * @param endpoints endpoint overrides; empty means AWS's own endpoint in aws mode and the local
 *                  stack's port on {@code ec2manager.local.host} in local mode
 * @param timeouts  how long the SDK may wait for each service: one attempt, and one call with its retries
 */
@ConfigurationProperties("ec2manager.aws")
public record AwsProperties(@DefaultValue("local") Mode mode,
                            String region,
                            @DefaultValue Endpoints endpoints,
                            @DefaultValue Timeouts timeouts) {

    public enum Mode { LOCAL, AWS }

    /**
     * Every SDK client the application builds gets both an attempt and a call timeout: a hung
     * service then costs a request a few seconds, not minutes of retries with long socket timeouts.
     *
     * @param dynamodbAttempt one attempt to DynamoDB (the audit trail, sign-outs, idempotency keys); default 2 s
     * @param dynamodbCall    one DynamoDB call with its retries; default 5 s
     * @param ec2Attempt      one attempt to EC2; default 10 s
     * @param ec2Call         one EC2 call with its retries; default 20 s
     * @param cognitoAttempt  one attempt to Cognito; default 5 s
     * @param cognitoCall     one Cognito call with its retries; default 10 s
     * @param stsAttempt      one attempt to STS (AssumeRole into an account, on the action path); default 3 s
     * @param stsCall         one STS call with its retries; default 10 s
     * @param s3Attempt       one attempt to S3 (the audit archive, tamper alarms); default 10 s
     * @param s3Call          one S3 call with its retries; default 20 s
     * @param kmsAttempt      one attempt to KMS (signing the archive's digests); default 5 s
     * @param kmsCall         one KMS call with its retries; default 10 s
     * @param snsAttempt      one attempt to SNS (notifications); default 5 s
     * @param snsCall         one SNS call with its retries; default 10 s
     * @param streamsAttempt  one attempt of the stream readers: DynamoDB Streams, and KCL's own DynamoDB
     *                        (lease table) and CloudWatch clients; default 10 s
     * @param streamsCall     one such call with its retries; KCL's lease-table scans and creation take longer
     *                        than the request path's calls, so it is longer than DynamoDB's; default 30 s
     */
    public record Timeouts(@DefaultValue("2s") Duration dynamodbAttempt, @DefaultValue("5s") Duration dynamodbCall,
                           @DefaultValue("10s") Duration ec2Attempt, @DefaultValue("20s") Duration ec2Call,
                           @DefaultValue("5s") Duration cognitoAttempt, @DefaultValue("10s") Duration cognitoCall,
                           @DefaultValue("3s") Duration stsAttempt, @DefaultValue("10s") Duration stsCall,
                           @DefaultValue("10s") Duration s3Attempt, @DefaultValue("20s") Duration s3Call,
                           @DefaultValue("5s") Duration kmsAttempt, @DefaultValue("10s") Duration kmsCall,
                           @DefaultValue("5s") Duration snsAttempt, @DefaultValue("10s") Duration snsCall,
                           @DefaultValue("10s") Duration streamsAttempt, @DefaultValue("30s") Duration streamsCall) {

        public Timeouts {
            check("dynamodb", dynamodbAttempt, dynamodbCall);
            check("ec2", ec2Attempt, ec2Call);
            check("cognito", cognitoAttempt, cognitoCall);
            check("sts", stsAttempt, stsCall);
            check("s3", s3Attempt, s3Call);
            check("kms", kmsAttempt, kmsCall);
            check("sns", snsAttempt, snsCall);
            check("streams", streamsAttempt, streamsCall);
        }

        public static Timeouts defaults() {
            return new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
                    Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(3),
                    Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(5),
                    Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10),
                    Duration.ofSeconds(30));
        }

        public ClientOverrideConfiguration sts() {
            return settings(stsAttempt, stsCall);
        }

        public ClientOverrideConfiguration s3() {
            return settings(s3Attempt, s3Call);
        }

        public ClientOverrideConfiguration kms() {
            return settings(kmsAttempt, kmsCall);
        }

        public ClientOverrideConfiguration sns() {
            return settings(snsAttempt, snsCall);
        }

        public ClientOverrideConfiguration streams() {
            return settings(streamsAttempt, streamsCall);
        }

        public ClientOverrideConfiguration dynamodb() {
            return settings(dynamodbAttempt, dynamodbCall);
        }

        public ClientOverrideConfiguration ec2() {
            return settings(ec2Attempt, ec2Call);
        }

        public ClientOverrideConfiguration cognito() {
            return settings(cognitoAttempt, cognitoCall);
        }

        private static ClientOverrideConfiguration settings(Duration attempt, Duration call) {
            return ClientOverrideConfiguration.builder().apiCallAttemptTimeout(attempt).apiCallTimeout(call).build();
        }

        private static void check(String service, Duration attempt, Duration call) {
            if (attempt.isNegative() || attempt.isZero() || call.compareTo(attempt) < 0) {
                throw new IllegalArgumentException("ec2manager.aws.timeouts: the " + service + " attempt timeout must be "
                        + "positive and the call timeout no shorter than it");
            }
        }
    }

    /**
     * @param dynamodb DynamoDB's endpoint
     * @param ec2      EC2's endpoint, for every region
     * @param cognito  Cognito Identity Provider's endpoint
     * @param s3       S3's endpoint (the audit archive), addressed path-style when set
     * @param sts      STS's endpoint (AssumeRole into the accounts); local mode: the EC2 emulator's port
     * @param sns      SNS's endpoint (the notifications' topic); local mode: the S3 emulator's port
     * @param cloudwatch CloudWatch's endpoint (the instances' metrics), for every region
     */
    public record Endpoints(URI dynamodb, URI ec2, URI cognito, URI s3, URI sts, URI sns, URI cloudwatch) {
    }
}
