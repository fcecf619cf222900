package com.ec2manager.aws;

import java.net.URI;

import software.amazon.awssdk.regions.Region;

/**
 * The resolved home region and endpoint overrides; a {@code null} endpoint means AWS's own.
 */
public record AwsEndpoints(Region region, URI dynamodb, URI ec2, URI cognito, URI s3, URI sts, URI sns, URI cloudwatch) {

    /** Without SNS and CloudWatch endpoints of their own: AWS's. */
    public AwsEndpoints(Region region, URI dynamodb, URI ec2, URI cognito, URI s3, URI sts) {
        this(region, dynamodb, ec2, cognito, s3, sts, null, null);
    }
}
