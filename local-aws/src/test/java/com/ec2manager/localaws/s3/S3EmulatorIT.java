package com.ec2manager.localaws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

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
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 emulator through the real S3 client of the AWS SDK, as the archive uses it. */
class S3EmulatorIT {

    @TempDir
    Path dataDir;
    S3Emulator emulator;
    S3Client s3;

    @BeforeEach
    void start() {
        emulator = S3Emulator.start(new S3EmulatorSettings("127.0.0.1", 0, dataDir), Clock.systemUTC());
        s3 = client(emulator);
        s3.createBucket(r -> r.bucket("archive"));
    }

    @AfterEach
    void stop() {
        s3.close();
        emulator.close();
    }

    static S3Client client(S3Emulator emulator) {
        return S3Client.builder().endpointOverride(emulator.endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void anObjectPutWithMetadataComesBackWithItsBytesMetadataAndMd5ETag() {
        s3.putObject(r -> r.bucket("archive").key("records/2026/11/29/a b+c.jsonl.gz").contentType("application/x-ndjson")
                .metadata(Map.of("signature", "c2ln")), RequestBody.fromString("line one\nline two\n"));

        var object = s3.getObjectAsBytes(r -> r.bucket("archive").key("records/2026/11/29/a b+c.jsonl.gz"));

        assertThat(object.asString(StandardCharsets.UTF_8)).isEqualTo("line one\nline two\n");
        assertThat(object.response().metadata()).containsEntry("signature", "c2ln");
        assertThat(object.response().contentType()).isEqualTo("application/x-ndjson");
        assertThat(object.response().eTag()).isEqualTo("\"" + BucketStore.md5Hex("line one\nline two\n"
                .getBytes(StandardCharsets.UTF_8)) + "\"");
    }

    @Test
    void listingPagesThroughKeysInOrderAndGroupsByDelimiter() {
        for (int i = 0; i < 5; i++) {
            int n = i;
            s3.putObject(r -> r.bucket("archive").key("records/2026/11/2" + n + "/f" + n), RequestBody.fromString("x"));
        }
        s3.putObject(r -> r.bucket("archive").key("digests/w/d1"), RequestBody.fromString("d"));

        var keys = s3.listObjectsV2Paginator(r -> r.bucket("archive").prefix("records/").maxKeys(2)).contents().stream()
                .map(S3Object::key).toList();
        ListObjectsV2Response folders = s3.listObjectsV2(r -> r.bucket("archive").delimiter("/"));

        assertThat(keys).containsExactly("records/2026/11/20/f0", "records/2026/11/21/f1", "records/2026/11/22/f2",
                "records/2026/11/23/f3", "records/2026/11/24/f4");
        assertThat(folders.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("digests/", "records/");
        assertThat(folders.contents()).isEmpty();
    }

    @Test
    void aMissingKeyOrBucketAnswersS3sErrorCodes() {
        assertThatThrownBy(() -> s3.getObject(r -> r.bucket("archive").key("nope"))).isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> s3.listObjectsV2(r -> r.bucket("missing"))).isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> s3.createBucket(r -> r.bucket("archive")))
                .isInstanceOf(BucketAlreadyOwnedByYouException.class);
    }

    @Test
    void aDeletedObjectIsGoneAndObjectsSurviveARestart() {
        s3.putObject(r -> r.bucket("archive").key("kept"), RequestBody.fromString("kept"));
        s3.putObject(r -> r.bucket("archive").key("deleted"), RequestBody.fromString("deleted"));
        s3.deleteObject(r -> r.bucket("archive").key("deleted"));
        stop();

        restart();

        assertThat(s3.getObjectAsBytes(r -> r.bucket("archive").key("kept")).asUtf8String()).isEqualTo("kept");
        assertThatThrownBy(() -> s3.headObject(r -> r.bucket("archive").key("deleted")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    private void restart() {
        emulator = S3Emulator.start(new S3EmulatorSettings("127.0.0.1", 0, dataDir), Clock.systemUTC());
        s3 = client(emulator);
    }
}
