package com.ec2manager.aws;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The local stack that stands in for AWS in local mode.
 *
 * @param startStack   start DynamoDB Local and the emulators with the application; false when
 *                     several application instances share one stack started on its own
 * @param host         the loopback address the stand-ins bind to
 * @param dataDir      the data folder: DynamoDB Local's database and the emulators' state
 * @param dynamodbPort DynamoDB Local's port
 * @param ec2Port      the EC2 emulator's port
 * @param cognitoPort  the Cognito emulator's port
 * @param allowRemote  let local mode (seeded, published passwords) listen on an address other than loopback;
 *                     default false: the application refuses to start then
 */
@ConfigurationProperties("ec2manager.local")
public record LocalStackProperties(@DefaultValue("true") boolean startStack,
                                   @DefaultValue("127.0.0.1") String host,
                                   @DefaultValue("data") Path dataDir,
                                   @DefaultValue("8000") int dynamodbPort,
                                   @DefaultValue("8001") int ec2Port,
                                   @DefaultValue("9229") int cognitoPort,
                                   @DefaultValue("false") boolean allowRemote) {
}
