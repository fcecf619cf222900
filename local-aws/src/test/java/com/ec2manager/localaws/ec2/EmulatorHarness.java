package com.ec2manager.localaws.ec2;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.ec2manager.localaws.testing.MutableClock;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

/** Starts an emulator on a free port with a controllable clock and hands out real SDK clients to it. */
public final class EmulatorHarness implements AutoCloseable {

    public static final String START = "2025-06-02T09:00:00Z";

    public final MutableClock clock = MutableClock.at(START);
    public final Ec2Emulator emulator;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final List<Ec2Client> clients = new ArrayList<>();

    public EmulatorHarness(Ec2EmulatorSettings settings) {
        this.emulator = Ec2Emulator.start(settings, clock);
    }

    public static EmulatorHarness standard(Path dataDir) {
        return new EmulatorHarness(Ec2EmulatorSettings.forTests(dataDir));
    }

    /** A client for {@code region} that does not retry, so every call is seen once. */
    public Ec2Client client(String region) {
        Ec2Client client = Ec2Client.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(http)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        clients.add(client);
        return client;
    }

    /** Every instance of a region through the SDK's paginator. */
    public static List<Instance> allInstances(Ec2Client client) {
        return client.describeInstancesPaginator(r -> r.maxResults(1000)).reservations().stream()
                .flatMap(r -> r.instances().stream()).toList();
    }

    /** A raw POST, for what the SDK would never send (no signature, broken tokens). */
    public HttpResponse<String> post(String form, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static String authorization(String region) {
        return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250602/" + region
                + "/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000";
    }

    @Override
    public void close() {
        clients.forEach(Ec2Client::close);
        emulator.close();
        http.close();
    }
}
