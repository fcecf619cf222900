package com.ec2manager.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.ec2manager.Ec2ManagerApplication;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.identity.Operator;
import com.ec2manager.identity.Role;
import com.ec2manager.instances.Ec2Caller;
import com.ec2manager.instances.InstanceListing;
import com.ec2manager.instances.InstanceQuery;
import com.ec2manager.instances.Inventory;
import com.ec2manager.localaws.LocalStack;
import com.ec2manager.localaws.LocalStackSettings;
import com.ec2manager.localaws.dynamodb.DynamoDbLocalProcess;
import com.ec2manager.localaws.dynamodb.DynamoDbLocalSettings;
import com.ec2manager.localaws.ec2.FleetSpec;
import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.localaws.ec2.InstanceState;
import com.ec2manager.localaws.ec2.MemberAccount;
import com.ec2manager.localaws.ec2.RequestLimits;
import com.ec2manager.localaws.sts.RoleTrust;
import com.ec2manager.schedules.Schedule;
import com.ec2manager.schedules.ScheduleForm;
import com.ec2manager.schedules.Schedules;
import com.ec2manager.web.Caller;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A schedule over 10,000 instances in 3 accounts, the whole application in this JVM against the local
 * stack (the EC2 emulator in memory, one region per account) and an in-memory DynamoDB Local, without
 * the stream's consumers. In one run it prints, for a stop
 * transition and then a start transition of the same schedule: the time from the transition minute to
 * the last instance acted on (its audit record completed), and the audit records written per second
 * during it. The start runs with EC2's StartInstances refill emulated: the emulator's mutating bucket
 * per account-region holds {@code start-burst} calls and refills at 2 per second, both sped up by
 * {@code bench.timeScale} (the application's {@code starts-per-second} with it), so that the run takes
 * minutes, not the half hour the real refill takes; the throttled calls are counted (0: the pacing
 * stayed inside the refill), and the time is set beside the refill's own floor at that speed and
 * projected to EC2's real rate.
 *
 * <p>System properties: {@code bench.timeScale} (default 20), {@code bench.instances} (default 10000),
 * {@code bench.dataDir}.
 */
public final class ScheduleBenchmark {

    private static final List<String> ACCOUNTS = List.of("123456789012", "210987654321", "345678901234");
    private static final String REGION = "us-east-1";
    private static final int BURST = 100;
    private static final double REFILL = 2;

    private ScheduleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int scale = Integer.getInteger("bench.timeScale", 20);
        int total = Integer.getInteger("bench.instances", 10_000);
        Path dataDir = Path.of(System.getProperty("bench.dataDir", "bench/target/schedule-bench"))
                .resolve(UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dataDir);
        // each account's fleet is larger than its share, so that its share is all running or stopped instances
        int fleet = total / ACCOUNTS.size() * 13 / 10 + 100;
        LocalStackSettings settings = new LocalStackSettings("127.0.0.1", dataDir, LocalApp.freePort(), LocalApp.freePort(),
                LocalApp.freePort(), LocalApp.freePort());
        // the audit trail in an in-memory DynamoDB Local of its own: on disk, its SQLite syncs every write and caps a
        // small machine at a few dozen writes per second, which would measure the disk, not the schedule
        var dynamoSettings = new DynamoDbLocalSettings("127.0.0.1", LocalApp.freePort(), dataDir.resolve("dynamodb-memory"),
                true, 2048, Duration.ofSeconds(60));
        try (DynamoDbLocalProcess dynamoDb = DynamoDbLocalProcess.start(dynamoSettings);
             LocalStack stack = LocalStack.start(settings, ec2 -> ec2.withDataDir(null)
                .withFleet(new FleetSpec(List.of(REGION), fleet, FleetSpec.DEFAULT_SEED))
                .withMembers(ACCOUNTS.subList(1, ACCOUNTS.size()).stream().map(id -> new MemberAccount(id,
                        new FleetSpec(List.of(REGION), fleet, FleetSpec.DEFAULT_SEED + id.hashCode()))).toList())
                .withTransitionDelay(Duration.ofSeconds(1)))) {
            int port = LocalApp.freePort();
            List<String> arguments = new ArrayList<>(List.of("--server.port=" + port,
                    "--ec2manager.local.start-stack=false",
                    "--ec2manager.local.data-dir=" + dataDir,
                    "--ec2manager.local.dynamodb-port=" + dynamoDb.endpoint().getPort(),
                    // the stream's consumers (archive, digests, notifications, live feed) are measured elsewhere
                    "--ec2manager.stream.enabled=false",
                    "--ec2manager.live-feed.enabled=false",
                    "--ec2manager.local.ec2-port=" + settings.ec2Port(),
                    "--ec2manager.local.cognito-port=" + settings.cognitoPort(),
                    "--ec2manager.local.s3-port=" + settings.s3Port(),
                    // the benchmark runs the inventory's reads and the schedules' pass itself
                    "--ec2manager.inventory.enabled=false",
                    "--ec2manager.schedules.enabled=false",
                    "--ec2manager.schedules.start-burst=" + BURST,
                    "--ec2manager.schedules.starts-per-second=" + (int) (REFILL * scale)));
            arguments.addAll(LocalApp.largeFleetTuning());
            arguments.addAll(LocalApp.accountArguments(ACCOUNTS));
            ConfigurableApplicationContext app = new SpringApplication(Ec2ManagerApplication.class)
                    .run(arguments.toArray(String[]::new));
            try {
                run(stack, app, total, scale);
            } finally {
                app.close();
            }
        }
        System.exit(0);
    }

    private static void run(LocalStack stack, ConfigurableApplicationContext app, int total, int scale) throws Exception {
        System.out.printf("Schedule benchmark: %,d instances in %d accounts (%s), %d cores, max heap %d MB%n", total,
                ACCOUNTS.size(), REGION, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        String group = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        int largestShare = tag(stack, total, group);
        Inventory inventory = app.getBean(Inventory.class);
        inventory.tick().join();
        InstanceListing listing = app.getBean(InstanceListing.class);
        InstanceQuery tagged = InstanceQuery.of(List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of("ScheduleBench=" + group), null, null);
        int targeted = listing.list(tagged, Ec2Caller.system("bench")).instances().size();
        if (targeted != total) {
            throw new IllegalStateException("the inventory sees " + targeted + " tagged instances, not " + total
                    + " (of " + inventory.instanceCount() + " read: " + inventory.freshness() + "); in EC2: "
                    + stack.ec2().instances(ACCOUNTS.get(0), REGION).stream().filter(i -> group.equals(i.tags()
                    .get("ScheduleBench"))).count());
        }

        Schedules schedules = app.getBean(Schedules.class);
        AuditTrail audit = app.getBean(AuditTrail.class);
        Operator admin = new Operator("schedule-bench", "bench@example.com", Set.of(Role.ADMIN));
        // 1. the stop: running now, the period ends at the next minute
        Instant stopMinute = nextMinute();
        Schedule schedule = schedules.create(admin, origin(), form(group, stopMinute.minus(Duration.ofHours(2)), stopMinute));
        Phase stop = transition(schedules, audit, schedule, stopMinute, AuditAction.STOP_INSTANCE);
        System.out.printf("stop transition: %,d instances stopped; last acted on %.1f s after the transition minute;"
                + " %.0f audit records per second (%.0f audit writes: each record is put PENDING and completed)%n",
                stop.acted(), stop.seconds(), stop.recordsPerSecond(), 2 * stop.recordsPerSecond());

        // the instances have stopped, and the inventory has read them so
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        List<String> stoppedState = List.of("stopped");
        InstanceQuery stopped = InstanceQuery.of(List.of(), List.of(), stoppedState, List.of(), List.of(),
                List.of("ScheduleBench=" + group), null, null);
        while (listing.list(stopped, Ec2Caller.system("bench")).instances().size() < total) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the instances did not all stop within five minutes");
            }
            Thread.sleep(1000);
            inventory.tick().join();
        }

        // 2. the start, inside the emulated refill
        Instant startMinute = nextMinute();
        schedules.update(admin, origin(), schedule.id(), form(group, startMinute, startMinute.plus(Duration.ofHours(2))));
        RequestLimits limits = stack.ec2().limitRequests(new RequestLimits(new RequestLimits.Bucket(100, 20 * scale),
                new RequestLimits.Bucket(BURST, REFILL * scale)));
        Phase start = transition(schedules, audit, schedule, startMinute, AuditAction.START_INSTANCE);
        stack.ec2().limitRequests(null);
        long throttled = limits.throttled().stream().filter(call -> call.operation().equals("StartInstances")).count();
        // the refill's own floor: the largest account's share past its burst, at the refill's rate
        double floor = Math.ceil((largestShare - BURST) / (REFILL * scale));
        double realFloor = Math.ceil((largestShare - BURST) / REFILL);
        System.out.printf("start transition (refill %d per second per account-region after a burst of %d, %d× EC2's 2 per"
                + " second): %,d instances started; last acted on %.1f s after the transition minute, against the refill's"
                + " floor of %.0f s (%.2f× the floor); %.0f audit records per second; StartInstances calls throttled: %d%n",
                (int) (REFILL * scale), BURST, scale, start.acted(), start.seconds(), floor, start.seconds() / floor,
                start.recordsPerSecond(), throttled);
        System.out.printf("at EC2's own refill (2 per second per account-region): the floor is %.0f s (%.1f min) for %,d"
                + " instances in the largest account; the start would end about %.0f s after the minute (floor + the"
                + " %.1f s measured above it); paced across all accounts together, as one bucket, the floor would be"
                + " %.0f s (%.1f×)%n", realFloor, realFloor / 60, largestShare, realFloor + (start.seconds() - floor),
                start.seconds() - floor, Math.ceil((total - BURST) / REFILL),
                Math.ceil((total - BURST) / REFILL) / realFloor);
        schedules.delete(admin, origin(), schedule.id());
    }

    /** What one transition did: instances acted on, seconds from its minute to the last completion, records per second. */
    private record Phase(int acted, double seconds, double recordsPerSecond) {
    }

    /** Waits for the minute, runs the due transitions as the pass would, and reads the schedule's records back. */
    private static Phase transition(Schedules schedules, AuditTrail audit, Schedule schedule, Instant minute,
                                    AuditAction action) throws InterruptedException {
        long wait = Duration.between(Instant.now(), minute).toMillis();
        Thread.sleep(Math.max(0, wait) + 50);
        int acted = schedules.runDue();
        List<AuditRecord> records;
        try (Stream<AuditRecord> all = audit.stream(AuditQuery.byUser("schedule:" + schedule.id())
                .between(minute, Instant.now().plus(Duration.ofMinutes(1))))) {
            records = all.filter(r -> r.action() == action && r.outcome() == AuditOutcome.SUCCEEDED).toList();
        }
        Instant first = records.stream().map(AuditRecord::eventTime).min(Comparator.naturalOrder()).orElse(minute);
        Instant last = records.stream().map(AuditRecord::completedAt).max(Comparator.naturalOrder()).orElse(minute);
        double seconds = Duration.between(minute, last).toMillis() / 1000.0;
        double writing = Math.max(0.001, Duration.between(first, last).toMillis() / 1000.0);
        return new Phase(acted, seconds, records.size() / writing);
    }

    /** The schedule in UTC, every day from {@code start} to {@code stop}, over the tagged instances of the 3 accounts. */
    private static ScheduleForm form(String group, Instant start, Instant stop) {
        return new ScheduleForm(group, "UTC", List.of(new ScheduleForm.PeriodForm(List.of("MON", "TUE", "WED", "THU", "FRI",
                "SAT", "SUN"), start.atOffset(ZoneOffset.UTC).toLocalTime().toString(),
                stop.atOffset(ZoneOffset.UTC).toLocalTime().toString())), List.of(), "STOP_AND_START", false,
                new ScheduleForm.TargetForm(Map.of("ScheduleBench", group), ACCOUNTS, List.of(REGION)));
    }

    /** The next whole minute at least 15 s ahead. */
    private static Instant nextMinute() {
        return Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    }

    private static Caller origin() {
        return new Caller("127.0.0.1", "ScheduleBenchmark", "bench-" + UUID.randomUUID());
    }

    /**
     * Tags {@code total} running or stopped instances, spread over the accounts, {@code ScheduleBench=<group>}
     * through each account's assumed role; answers the largest account's share.
     */
    private static int tag(LocalStack stack, int total, String group) {
        int largest = 0;
        try (StsClient sts = StsClient.builder().endpointOverride(stack.ec2Endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "secret")))
                .build()) {
            for (int a = 0; a < ACCOUNTS.size(); a++) {
                String account = ACCOUNTS.get(a);
                int share = total / ACCOUNTS.size() + (a < total % ACCOUNTS.size() ? 1 : 0);
                largest = Math.max(largest, share);
                List<String> ids = stack.ec2().instances(account, REGION).stream()
                        .filter(i -> i.state() == InstanceState.RUNNING || i.state() == InstanceState.STOPPED)
                        .filter(i -> i.autoScalingGroup() == null && !i.disableApiStop())
                        .map(InstanceSnapshot::instanceId).limit(share).toList();
                if (ids.size() < share) {
                    throw new IllegalStateException("account " + account + " has only " + ids.size() + " such instances");
                }
                Credentials c = sts.assumeRole(r -> r.roleArn(RoleTrust.roleArn(account, RoleTrust.LOCAL_ROLE_NAME))
                        .roleSessionName("bench").externalId(RoleTrust.LOCAL_EXTERNAL_ID)).credentials();
                try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(stack.ec2Endpoint()).region(Region.of(REGION))
                        .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(),
                                c.secretAccessKey(), c.sessionToken()))).build()) {
                    for (int i = 0; i < ids.size(); i += 500) {
                        List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 500));
                        ec2.createTags(r -> r.resources(chunk).tags(t -> t.key("ScheduleBench").value(group)));
                    }
                }
            }
        }
        return largest;
    }
}
