package com.ec2manager.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

class LocalStackEc2IT {

    @TempDir
    Path dataDir;

    @Test
    void theLocalStackServesEc2AndKeepsItsStateInTheDataFolder() throws Exception {
        int dynamoPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            dynamoPort = socket.getLocalPort();
        }
        try (LocalStack stack = LocalStack.start(new LocalStackSettings("127.0.0.1", dataDir, dynamoPort, 0, 0, 0));
             Ec2Client ec2 = Ec2Client.builder().endpointOverride(stack.ec2Endpoint()).region(Region.EU_WEST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThat(stack.ec2Endpoint().getPort()).isPositive();
            assertThat(ec2.describeInstances().reservations()).isNotEmpty();
            assertThat(stack.ec2().calls()).anySatisfy(call -> assertThat(call.region()).isEqualTo("eu-west-1"));
        }
        assertThat(dataDir.resolve("ec2").resolve("state.json")).exists();
    }
}
