package com.ec2manager.localaws.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import com.ec2manager.localaws.s3.S3Emulator;
import com.ec2manager.localaws.s3.S3EmulatorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/** The SNS stand-in through the real SNS client of the AWS SDK, on the S3 emulator's port beside S3. */
class SnsEmulatorIT {

    @TempDir
    Path dataDir;
    S3Emulator emulator;
    SnsClient sns;

    @BeforeEach
    void start() {
        emulator = S3Emulator.start(new S3EmulatorSettings("127.0.0.1", 0, dataDir), Clock.systemUTC());
        sns = SnsClient.builder().endpointOverride(emulator.endpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterEach
    void stop() {
        sns.close();
        emulator.close();
    }

    @Test
    void aMessagePublishedToATopicIsKeptWithItsSubjectAndAttributes() {
        String arn = sns.createTopic(r -> r.name("audit")).topicArn();

        String messageId = sns.publish(r -> r.topicArn(arn).subject("STOP_INSTANCE SUCCEEDED").message("{\"id\":1}")
                .messageAttributes(Map.of("action", MessageAttributeValue.builder().dataType("String")
                        .stringValue("STOP_INSTANCE").build()))).messageId();

        assertThat(arn).isEqualTo("arn:aws:sns:eu-west-1:123456789012:audit");
        assertThat(sns.createTopic(r -> r.name("audit")).topicArn()).as("CreateTopic is idempotent").isEqualTo(arn);
        assertThat(sns.listTopics().topics()).extracting(t -> t.topicArn()).containsExactly(arn);
        assertThat(emulator.sns().published(arn)).singleElement().satisfies(message -> {
            assertThat(message.messageId()).isEqualTo(messageId);
            assertThat(message.subject()).isEqualTo("STOP_INSTANCE SUCCEEDED");
            assertThat(message.body()).isEqualTo("{\"id\":1}");
            assertThat(message.attributes()).containsExactly(Map.entry("action", "STOP_INSTANCE"));
        });
    }

    @Test
    void aTopicThatDoesNotExistOrABadNameIsRefusedAsSnsRefusesIt() {
        assertThatThrownBy(() -> sns.publish(r -> r.topicArn("arn:aws:sns:eu-west-1:123456789012:none").message("x")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotFound");
                });
        assertThatThrownBy(() -> sns.createTopic(r -> r.name("no spaces")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void s3KeepsAnsweringOnTheSharedPort() {
        try (S3Client s3 = S3Client.builder().endpointOverride(emulator.endpoint()).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            s3.createBucket(r -> r.bucket("beside-sns"));
            s3.putObject(r -> r.bucket("beside-sns").key("k"), RequestBody.fromString("v"));

            assertThat(s3.getObjectAsBytes(r -> r.bucket("beside-sns").key("k")).asUtf8String()).isEqualTo("v");
        }
    }
}
