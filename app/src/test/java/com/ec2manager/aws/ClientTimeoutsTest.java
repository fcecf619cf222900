package com.ec2manager.aws;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every SDK client the application builds has an attempt timeout and a call timeout, so that a
 * hung service costs a request seconds, not minutes of retries: each client of
 * {@link AwsClientsConfiguration} carries the one {@code ec2manager.aws.timeouts.*} names for it,
 * and no builder anywhere in the application's sources is left without an override configuration.
 */
class ClientTimeoutsTest {

    private static final Duration ATTEMPT = Duration.ofMillis(1234);
    private static final Duration CALL = Duration.ofMillis(5678);

    @Test
    void everyClientOfTheConfigurationCarriesItsServicesAttemptAndCallTimeouts() {
        AwsProperties.Timeouts timeouts = new AwsProperties.Timeouts(ATTEMPT, CALL, ATTEMPT, CALL, ATTEMPT, CALL,
                ATTEMPT, CALL, ATTEMPT, CALL, ATTEMPT, CALL, ATTEMPT, CALL, ATTEMPT, CALL);
        AwsProperties aws = new AwsProperties(AwsProperties.Mode.LOCAL, "us-east-1",
                new AwsProperties.Endpoints(null, null, null, null, null, null, null), timeouts);
        URI local = URI.create("http://127.0.0.1:1");
        AwsEndpoints endpoints = new AwsEndpoints(Region.US_EAST_1, local, local, local, local, local, local, local);
        var credentials = AnonymousCredentialsProvider.create();
        AwsClientsConfiguration configuration = new AwsClientsConfiguration();
        List<SdkClient> clients = new ArrayList<>();
        try (SdkHttpClient http = configuration.sdkHttpClient()) {
            clients.add(configuration.dynamoDbClient(endpoints, credentials, http, aws));
            clients.add(configuration.cognitoClient(endpoints, credentials, http, aws));
            clients.add(configuration.stsClient(endpoints, credentials, http, aws));
            clients.add(configuration.s3Client(endpoints, credentials, http, aws));
            clients.add(configuration.kmsClient(endpoints, credentials, http, aws));
            clients.add(configuration.snsClient(endpoints, credentials, http, aws));
            clients.add(configuration.dynamoDbStreamsClient(endpoints, credentials, http, aws,
                    new StaticListableBeanFactory().getBeanProvider(DynamoDbLocalStreamArns.class)));
            clients.add(configuration.dynamoDbAsyncClient(endpoints, credentials, aws));
            clients.add(configuration.cloudWatchAsyncClient(endpoints, credentials, aws));

            assertThat(clients).hasSize(9).allSatisfy(client -> {
                ClientOverrideConfiguration override = client.serviceClientConfiguration().overrideConfiguration();
                assertThat(override.apiCallAttemptTimeout()).as(client.serviceName()).contains(ATTEMPT);
                assertThat(override.apiCallTimeout()).as(client.serviceName()).contains(CALL);
            });
        } finally {
            clients.forEach(SdkClient::close);
        }
    }

    @Test
    void noClientBuilderInTheApplicationIsLeftWithoutAnOverrideConfiguration() throws IOException {
        Pattern builder = Pattern.compile("\\b(\\w+Client)\\.builder\\(\\)");
        List<String> without = new ArrayList<>();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher matcher = builder.matcher(source);
                while (matcher.find()) {
                    if (matcher.group(1).equals("SdkHttpClient") || matcher.group(1).endsWith("HttpClient")) {
                        continue;
                    }
                    // the client is built by the first build() after its builder: the override comes before it
                    int end = source.indexOf(".build();", matcher.end());
                    String building = source.substring(matcher.start(), end < 0 ? source.length() : end);
                    found.add(file.getFileName() + ":" + matcher.group(1));
                    if (!building.contains("overrideConfiguration(")) {
                        without.add(file.getFileName() + ":" + matcher.group(1));
                    }
                }
            }
        }
        assertThat(found).as("the scan sees the builders").hasSizeGreaterThanOrEqualTo(11);
        assertThat(without).as("client builders without timeouts").isEmpty();
    }
}
