package com.ec2manager.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.ec2manager.aws.AwsEndpoints;
import com.ec2manager.instances.Ec2Caller;
import com.ec2manager.instances.Ec2Gateway;
import com.ec2manager.instances.EnabledRegions;
import com.ec2manager.instances.InstanceList;
import com.ec2manager.instances.InstanceListing;
import com.ec2manager.instances.InstanceQuery;
import com.ec2manager.instances.InstancesProperties;
import com.ec2manager.localaws.ec2.Ec2Emulator;
import com.ec2manager.localaws.ec2.Ec2EmulatorSettings;
import com.ec2manager.localaws.ec2.Ec2Fault;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;

/**
 * Lists the large emulated fleet (10,000 instances over 16 regions) through the application's
 * listing service and compares it with raw SDK passes over the same emulator: the slowest
 * single region's full DescribeInstances pass, and all regions one after another. Medians of
 * several runs after a warm-up. Target: service ≤ 1.5 × the slowest region.
 *
 * <p>Two scenarios: the emulator answering as fast as the CPU allows (in-process, so client
 * and emulator share the machine's cores and the comparison is CPU-bound), and with a delay per
 * request that stands in for EC2's own latency over the network (a DescribeInstances page of
 * 1000 takes hundreds of milliseconds on real EC2), where reading regions at once pays off.
 *
 * <p>System properties: {@code bench.runs} (default 7), {@code bench.warmups} (default 3),
 * {@code bench.parallelism} (the service's region pool, default 16), {@code bench.latencyMs}
 * (the added delay per request of the second scenario, default 200; 0 skips it).
 */
public final class InstancesListingBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private InstancesListingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 7);
        int warmups = Integer.getInteger("bench.warmups", 3);
        int parallelism = Integer.getInteger("bench.parallelism", 16);
        int latencyMs = Integer.getInteger("bench.latencyMs", 200);

        try (Ec2Emulator emulator = Ec2Emulator.start(
                     Ec2EmulatorSettings.largeFleet("127.0.0.1", 0, null).withDataDir(null), Clock.systemUTC());
             SdkHttpClient http = ApacheHttpClient.builder().maxConnections(200)
                     .socketTimeout(Duration.ofSeconds(60)).build()) {
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench-secret"));
            AwsEndpoints endpoints = new AwsEndpoints(Region.US_EAST_1, null, emulator.endpoint(), null);
            InstancesProperties properties = new InstancesProperties(List.of(), Duration.ofMinutes(15), parallelism,
                    Duration.ofSeconds(60), Duration.ZERO, 200, 8);
            ExecutorService pool = Executors.newFixedThreadPool(parallelism);
            try (Ec2Gateway gateway = new Ec2Gateway(endpoints, credentials, http,
                    software.amazon.awssdk.core.client.config.ClientOverrideConfiguration.builder()
                            .apiCallTimeout(Duration.ofSeconds(60)).build())) {
                EnabledRegions regions = new EnabledRegions(gateway, properties, Clock.systemUTC());
                InstanceListing listing = new InstanceListing(gateway, regions, pool, properties, Clock.systemUTC());
                List<String> all = regions.all();
                Map<String, Ec2Client> raw = new LinkedHashMap<>();
                for (String region : all) {
                    raw.put(region, Ec2Client.builder().region(Region.of(region)).credentialsProvider(credentials)
                            .httpClient(http).endpointOverride(emulator.endpoint()).build());
                }
                Ec2Caller caller = Ec2Caller.system("bench");
                Supplier<Integer> service = () -> {
                    InstanceList list = listing.list(InstanceQuery.ALL, caller);
                    if (!list.failedRegions().isEmpty()) {
                        throw new IllegalStateException("regions failed: " + list.failedRegions());
                    }
                    return list.instances().size();
                };

                System.out.printf("fleet: %d regions, parallelism %d, %d warm-up + %d measured runs, %d CPUs%n",
                        all.size(), parallelism, warmups, runs, Runtime.getRuntime().availableProcessors());
                System.out.println("== no added latency (CPU-bound: client and emulator share the cores)");
                measure(emulator, service, raw, warmups, runs);
                if (latencyMs > 0) {
                    System.out.printf("== %d ms added to every request (EC2's own latency)%n", latencyMs);
                    all.forEach(region -> emulator.failRegion(region, Ec2Fault.slow(Duration.ofMillis(latencyMs))));
                    measure(emulator, service, raw, 1, runs);
                    emulator.clearFaults();
                }
                raw.values().forEach(Ec2Client::close);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static void measure(Ec2Emulator emulator, Supplier<Integer> service, Map<String, Ec2Client> raw,
                        int warmups, int runs) {
        for (int i = 0; i < warmups; i++) {
            service.get();
            raw.values().forEach(InstancesListingBenchmark::rawPass);
        }

        List<Long> serviceTimes = new ArrayList<>();
        List<Long> sequentialTimes = new ArrayList<>();
        List<Long> clientCpuTimes = new ArrayList<>();
        Map<String, List<Long>> regionTimes = new LinkedHashMap<>();
        int count = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            count = service.get();
            serviceTimes.add(System.nanoTime() - start);

            long sequentialStart = System.nanoTime();
            long sequentialCpuStart = THREADS.getCurrentThreadCpuTime();
            int sequentialCount = 0;
            for (Map.Entry<String, Ec2Client> region : raw.entrySet()) {
                long regionStart = System.nanoTime();
                sequentialCount += rawPass(region.getValue());
                regionTimes.computeIfAbsent(region.getKey(), k -> new ArrayList<>())
                        .add(System.nanoTime() - regionStart);
            }
            sequentialTimes.add(System.nanoTime() - sequentialStart);
            clientCpuTimes.add(THREADS.getCurrentThreadCpuTime() - sequentialCpuStart);
            if (sequentialCount != count) {
                throw new IllegalStateException("service saw " + count + " instances, raw passes " + sequentialCount);
            }
        }

        String slowest = regionTimes.entrySet().stream()
                .max(Map.Entry.comparingByValue((a, b) -> Long.compare(median(a), median(b))))
                .orElseThrow().getKey();
        double serviceMs = millis(median(serviceTimes));
        double slowestMs = millis(median(regionTimes.get(slowest)));
        double sequentialMs = millis(median(sequentialTimes));
        System.out.printf("instances listed:                      %,d%n", count);
        System.out.printf("service, all regions (median):         %8.1f ms%n", serviceMs);
        System.out.printf("slowest single region raw (%s, %d): %8.1f ms%n", slowest,
                emulator.instances(slowest).size(), slowestMs);
        System.out.printf("sequential raw pass, all regions:      %8.1f ms%n", sequentialMs);
        System.out.printf("  of which the SDK client's own CPU:   %8.1f ms (the rest: the emulator, waiting for a core)%n",
                millis(median(clientCpuTimes)));
        System.out.printf("service / slowest region:              %8.2f x (target <= 1.50)%n", serviceMs / slowestMs);
        System.out.printf("service / sequential:                  %8.2f x%n", serviceMs / sequentialMs);
    }

    /** One full DescribeInstances pass of a region with the bare SDK: all pages of 1000. */
    private static int rawPass(Ec2Client client) {
        int count = 0;
        for (DescribeInstancesResponse page : client.describeInstancesPaginator(r -> r.maxResults(1000))) {
            for (var reservation : page.reservations()) {
                count += reservation.instances().size();
            }
        }
        return count;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
