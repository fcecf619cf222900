package com.ec2manager.aws;

import java.net.URI;

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
 */
@ConfigurationProperties("ec2manager.aws")
public record AwsProperties(@DefaultValue("local") Mode mode,
                            String region,
                            @DefaultValue Endpoints endpoints) {

    public enum Mode { LOCAL, AWS }

    /**
     * @param dynamodb DynamoDB's endpoint
     * @param ec2      EC2's endpoint, for every region
     * @param cognito  Cognito Identity Provider's endpoint
     * @param sts      STS's endpoint (AssumeRole into the accounts); local mode: the EC2 emulator's port
     */
    public record Endpoints(URI dynamodb, URI ec2, URI cognito, URI sts) {
    }
}
