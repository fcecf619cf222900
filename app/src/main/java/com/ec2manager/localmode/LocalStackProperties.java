package com.ec2manager.localmode;

import java.nio.file.Path;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The local stack that stands in for AWS in local mode: {@code ec2manager.local.*}, bound by
 * {@link LocalModeConfiguration} only, so that aws mode reads none of it.
 *
 * @param startStack   start DynamoDB Local and the emulators with the application; false when
 *                     several application instances share one stack started on its own
 * @param host         the loopback address the stand-ins bind to
 * @param dataDir      the data folder: DynamoDB Local's database and the emulators' state
 * @param dynamodbPort DynamoDB Local's port
 * @param ec2Port      the EC2 emulator's port
 * @param cognitoPort  the Cognito emulator's port
 * @param s3Port       the S3 emulator's port (the audit archive)
 * @param cloudwatchPort the CloudWatch stand-in's port (the instances' metrics)
 * @param cognitoRealIssuer the Cognito emulator's tokens name Cognito's real issuer
 *                     ({@code https://cognito-idp.us-east-1.amazonaws.com/<pool>}) instead of its own
 *                     address, so that AWS's own verifiers accept them; keys still come from the emulator
 * @param allowRemote  let local mode (seeded users, published passwords) listen on an address other than
 *                     loopback; default false: the application refuses to start then ({@link LocalModeGuard})
 */
record LocalStackProperties(@DefaultValue("true") boolean startStack,
                            @DefaultValue("127.0.0.1") String host,
                            @DefaultValue("data") Path dataDir,
                            @DefaultValue("8000") int dynamodbPort,
                            @DefaultValue("8001") int ec2Port,
                            @DefaultValue("9229") int cognitoPort,
                            @DefaultValue("8002") int s3Port,
                            @DefaultValue("8003") int cloudwatchPort,
                            @DefaultValue("false") boolean cognitoRealIssuer,
                            @DefaultValue("false") boolean allowRemote) {
}
