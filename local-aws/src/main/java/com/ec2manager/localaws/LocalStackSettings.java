package com.ec2manager.localaws;

import java.nio.file.Path;

import com.ec2manager.localaws.cloudwatch.CloudWatchEmulatorSettings;

/**
 * Where the local stand-ins listen and keep their state.
 *
 * @param host         the loopback address every stand-in binds to
 * @param dataDir      the data folder; each stand-in keeps its state in a folder below it
 * @param dynamoDbPort DynamoDB Local's port
 * @param ec2Port      the EC2 emulator's port
 * @param cognitoPort  the Cognito emulator's port
 * @param s3Port       the S3 emulator's port
 * @param cognitoRealIssuer whether the Cognito emulator's tokens name Cognito's real issuer
 *                     ({@code https://cognito-idp.<region>.amazonaws.com/<pool>}, as AWS's own verifiers
 *                     require) instead of the emulator's address; the keys are served by the emulator either way
 * @param cloudWatchPort the CloudWatch stand-in's port; 0 picks a free one
 */
public record LocalStackSettings(String host, Path dataDir, int dynamoDbPort, int ec2Port, int cognitoPort,
                                 int s3Port, boolean cognitoRealIssuer, int cloudWatchPort) {

    /** Tokens issued under the emulator's own address; the CloudWatch stand-in on a free port. */
    public LocalStackSettings(String host, Path dataDir, int dynamoDbPort, int ec2Port, int cognitoPort, int s3Port) {
        this(host, dataDir, dynamoDbPort, ec2Port, cognitoPort, s3Port, false);
    }

    /** The CloudWatch stand-in on a free port (tests, benchmarks). */
    public LocalStackSettings(String host, Path dataDir, int dynamoDbPort, int ec2Port, int cognitoPort, int s3Port,
                              boolean cognitoRealIssuer) {
        this(host, dataDir, dynamoDbPort, ec2Port, cognitoPort, s3Port, cognitoRealIssuer, 0);
    }

    public static LocalStackSettings defaults() {
        return new LocalStackSettings("127.0.0.1", Path.of("data"), 8000, 8001, 9229, 8002, false,
                CloudWatchEmulatorSettings.DEFAULT_PORT);
    }
}
