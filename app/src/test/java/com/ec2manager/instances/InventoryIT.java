package com.ec2manager.instances;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.ec2manager.audit.AuditRecord;
import com.ec2manager.localaws.ec2.Ec2Call;
import com.ec2manager.localaws.ec2.Ec2Emulator;
import com.ec2manager.localaws.ec2.Ec2EmulatorSettings;
import com.ec2manager.localaws.ec2.Ec2Fault;
import com.ec2manager.localaws.ec2.FleetSpec;
import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.localaws.ec2.InstanceState;
import com.ec2manager.localaws.ec2.MemberAccount;
import com.ec2manager.localaws.ec2.RequestLimits;
import com.ec2manager.localaws.sts.RoleTrust;
import com.ec2manager.localaws.testing.MutableClock;
import com.ec2manager.testing.TestLocalStack;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The inventory over three accounts of an emulator of its own, on a clock the test moves (the
 * emulator's and the application's together): what is listed, that listings never call EC2,
 * how actions and changes made elsewhere show, the operator's identity in CloudTrail, throttling.
 */
class InventoryIT extends InstancesApiTestSupport {

    static final String MANAGEMENT = Ec2EmulatorSettings.DEFAULT_ACCOUNT_ID;
    static final String PRODUCTION = FleetSpec.STANDARD_MEMBER_ACCOUNT;
    static final String SANDBOX = "345678901234";
    static final MutableClock EMULATOR_CLOCK = MutableClock.at("2026-01-05T09:00:00Z");
    private static Ec2Emulator emulator;

    static synchronized Ec2Emulator emulator() {
        if (emulator == null) {
            emulator = Ec2Emulator.start(Ec2EmulatorSettings.forTests(null)
                    .withFleet(new FleetSpec(TestEc2.REGIONS, 30, FleetSpec.DEFAULT_SEED + 7))
                    .withMembers(List.of(new MemberAccount(PRODUCTION, FleetSpec.standardMember()),
                            new MemberAccount(SANDBOX, FleetSpec.standardMember().withSeed(9)))), EMULATOR_CLOCK);
            Ec2Emulator started = emulator;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "inventory-it-ec2-shutdown"));
        }
        return emulator;
    }

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestLocalStack.register(registry);
        String endpoint = emulator().endpoint().toString();
        registry.add("ec2manager.aws.endpoints.ec2", () -> endpoint);
        registry.add("ec2manager.aws.endpoints.sts", () -> endpoint);
        account(registry, 0, MANAGEMENT, "Management", RoleTrust.LOCAL_EXTERNAL_ID);
        account(registry, 1, PRODUCTION, "Production", RoleTrust.LOCAL_EXTERNAL_ID);
        // the role's trust policy asks for another external id: refused by STS
        account(registry, 2, SANDBOX, "Sandbox", "not-the-right-one");
    }

    private static void account(DynamicPropertyRegistry registry, int n, String id, String name, String externalId) {
        registry.add("ec2manager.accounts[" + n + "].id", () -> id);
        registry.add("ec2manager.accounts[" + n + "].name", () -> name);
        registry.add("ec2manager.accounts[" + n + "].role-arn", () -> RoleTrust.roleArn(id, RoleTrust.LOCAL_ROLE_NAME));
        registry.add("ec2manager.accounts[" + n + "].external-id", () -> externalId);
    }

    @AfterEach
    void heal() {
        emulator().clearFaults();
    }

    @Test
    void severalAccountsAndRegionsAreListedAndARefusedRoleIsShownAsFailedWhileTheOthersShow() throws Exception {
        String accounts = get("/api/v1/accounts");

        assertThat((List<String>) JsonPath.read(accounts, "$[*].name")).containsExactly("Management", "Production", "Sandbox");
        assertThat((List<String>) JsonPath.read(accounts, "$[0].regions[*].region"))
                .containsExactlyInAnyOrderElementsOf(TestEc2.REGIONS);
        assertThat((List<String>) JsonPath.read(accounts, "$[1].regions[*].region"))
                .containsExactlyInAnyOrder("us-east-1", "eu-west-1");
        assertThat((List<String>) JsonPath.read(accounts, "$[0:2].regions[*].status")).containsOnly("FRESH");
        assertThat((List<Integer>) JsonPath.read(accounts, "$[1].regions[?(@.region == 'eu-west-1')].instanceCount"))
                .containsExactly(emulator().instances(PRODUCTION, "eu-west-1").size());
        assertThat((List<?>) JsonPath.read(accounts, "$[2].regions")).isEmpty();
        assertThat((String) JsonPath.read(accounts, "$[2].failure.status")).isEqualTo("FAILED");
        assertThat((String) JsonPath.read(accounts, "$[2].failure.errorCode")).isEqualTo("AssumeRoleFailed");
        assertThat((String) JsonPath.read(accounts, "$[2].failure.error")).contains("AccessDenied");

        String list = get("/api/v1/instances?limit=1000");
        assertThat((Integer) JsonPath.read(list, "$.total")).isEqualTo(ids(MANAGEMENT).size() + ids(PRODUCTION).size());
        assertThat((List<String>) JsonPath.read(list, "$.instances[*].id"))
                .containsExactlyInAnyOrderElementsOf(union(ids(MANAGEMENT), ids(PRODUCTION)));
        assertThat((List<String>) JsonPath.read(list, "$.failedRegions[*].region")).containsExactly(SANDBOX + "/*");
    }

    @Test
    void pagingFiltersSearchSortingAndFacetsAreAnsweredFromTheInventoryWithoutCallingEc2() throws Exception {
        emulator().clearCalls();

        // every instance exactly once over pages of 7, newest first
        List<String> paged = new ArrayList<>();
        List<String> launchTimes = new ArrayList<>();
        String cursor = null;
        do {
            String page = get("/api/v1/instances?sort=-launchTime&limit=7" + (cursor == null ? "" : "&cursor=" + cursor));
            paged.addAll(JsonPath.read(page, "$.instances[*].id"));
            launchTimes.addAll(JsonPath.read(page, "$.instances[*].launchTime"));
            cursor = JsonPath.read(page, "$.nextCursor");
        } while (cursor != null);
        assertThat(paged).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(union(ids(MANAGEMENT), ids(PRODUCTION)));
        assertThat(launchTimes).isSortedAccordingTo((a, b) -> b.compareTo(a));

        // filters and facets: counts as the emulator has them
        String production = get("/api/v1/instances?account=" + PRODUCTION + "&state=running&limit=1000");
        List<String> running = emulator().instances(PRODUCTION, "us-east-1").stream()
                .filter(i -> i.state() == InstanceState.RUNNING).map(InstanceSnapshot::instanceId).collect(Collectors.toList());
        emulator().instances(PRODUCTION, "eu-west-1").stream().filter(i -> i.state() == InstanceState.RUNNING)
                .forEach(i -> running.add(i.instanceId()));
        assertThat((List<String>) JsonPath.read(production, "$.instances[*].id")).containsExactlyInAnyOrderElementsOf(running);
        // a facet counts as if its own filter were set to the value: the account facet ignores account=
        assertThat((List<Integer>) JsonPath.read(production, "$.facets.account[?(@.value == '" + MANAGEMENT + "')].count"))
                .containsExactly((int) all(MANAGEMENT).stream().filter(i -> i.state() == InstanceState.RUNNING).count());
        assertThat((List<String>) JsonPath.read(production, "$.facets.account[*].label")).containsExactly("Management", "Production");
        assertThat((List<Integer>) JsonPath.read(production, "$.facets.state[?(@.value == 'running')].count"))
                .containsExactly(running.size());

        // search over the listed fields: address, security group, tag value, VPC
        String first = get("/api/v1/instances?account=" + MANAGEMENT + "&limit=1&sort=id");
        String id = JsonPath.read(first, "$.instances[0].id");
        for (String field : List.of("privateIp", "privateDns", "vpcId", "subnetId", "securityGroups[0].id", "keyName", "imageId", "tags.Owner")) {
            String value = JsonPath.read(first, "$.instances[0]." + field);
            assertThat((List<String>) JsonPath.read(get("/api/v1/instances?limit=1000&q=" + value), "$.instances[*].id"))
                    .as("searching %s %s", field, value).contains(id);
        }
        assertThat((List<?>) JsonPath.read(get("/api/v1/instances?q=no-such-thing-anywhere"), "$.instances")).isEmpty();
        mvc.perform(getAs(readonly(), "/instances?account=" + PRODUCTION + "&q=prod&sort=-launchTime"))
                .andExpect(status().isOk());

        assertThat(emulator().calls()).as("listings read the inventory, not EC2").isEmpty();

        // the twin: a due refresh does call EC2, and the counter sees it
        advance(Duration.ofSeconds(61));
        inventory.tick().join();
        assertThat(emulator().calls()).extracting(Ec2Call::operation).contains("DescribeInstances", "DescribeInstanceStatus");
    }

    @Test
    void aStopShowsAsStoppingAndThenStoppedWithoutAManualRefreshAndCloudTrailNamesTheOperator() throws Exception {
        InstanceSnapshot target = plainRunning(PRODUCTION, "us-east-1");
        Caller admin = admin();

        mvc.perform(postAs(admin, "/api/v1/instances/" + target.instanceId() + "/stop", body("inventory test")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.currentState").value("stopping"));
        assertThat(stateOf(target.instanceId())).isEqualTo("stopping");

        advance(Duration.ofSeconds(5));
        inventory.tick().join();
        assertThat(stateOf(target.instanceId())).isEqualTo("stopped");

        AuditRecord record = recordsOf(admin).get(0);
        assertThat(record.details().asMap()).containsEntry("accountId", PRODUCTION).containsEntry("accountName", "Production")
                .containsEntry("region", "us-east-1");
        List<Event> events = trail(PRODUCTION, "us-east-1", target.instanceId());
        assertThat(events).extracting(Event::eventName).containsExactly("StopInstances");
        String sourceIdentity = JsonPath.read(events.get(0).cloudTrailEvent(), "$.userIdentity.sessionContext.sourceIdentity");
        assertThat(sourceIdentity).isEqualTo(admin.email());
    }

    @Test
    void aStopMadeElsewhereWithTheAwsCliShowsWithinOneInterval() throws Exception {
        InstanceSnapshot target = plainRunning(MANAGEMENT, "eu-west-1");

        ProcessBuilder command = new ProcessBuilder("aws", "ec2", "stop-instances", "--instance-ids", target.instanceId(),
                "--endpoint-url", emulator().endpoint().toString(), "--region", "eu-west-1", "--output", "json")
                .redirectErrorStream(true);
        Map<String, String> environment = command.environment();
        environment.put("AWS_ACCESS_KEY_ID", "AKIDCONSOLEUSER");
        environment.put("AWS_SECRET_ACCESS_KEY", "secret");
        environment.put("AWS_CONFIG_FILE", "/dev/null");
        environment.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        environment.put("AWS_PAGER", "");
        Process cli = command.start();
        cli.getOutputStream().close();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).as(output).isZero();

        inventory.tick().join();
        assertThat(stateOf(target.instanceId())).as("not read again before the interval").isEqualTo("running");

        advance(Duration.ofSeconds(60));
        inventory.tick().join();
        assertThat(stateOf(target.instanceId())).isEqualTo("stopped");
    }

    @Test
    void theNextPageStartsAfterTheLastInstanceShownEvenWhenTheInventoryChangedBetweenPages() throws Exception {
        String query = "/api/v1/instances?account=" + MANAGEMENT + "&region=us-east-1&tag=Name&sort=name&limit=";
        String first = get(query + 5);
        List<String> firstPage = JsonPath.read(first, "$.instances[*].id");
        String cursor = JsonPath.read(first, "$.nextCursor");
        List<String> secondPage = JsonPath.<List<String>>read(get(query + 10), "$.instances[*].id").subList(5, 10);

        // the first instance shown is renamed elsewhere so that it sorts last, and the inventory reads it
        try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(emulator().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDCONSOLEUSER", "secret")))
                .build()) {
            ec2.createTags(r -> r.resources(firstPage.get(0)).tags(t -> t.key("Name").value("zzzz-renamed")));
        }
        advance(Duration.ofSeconds(61));
        inventory.tick().join();
        // the list moved up by one: an offset would now skip the instance that was sixth
        assertThat(JsonPath.<String>read(get(query + 10), "$.instances[4].id")).isEqualTo(secondPage.get(0));

        assertThat((List<String>) JsonPath.read(get(query + 5 + "&cursor=" + cursor), "$.instances[*].id"))
                .containsExactlyElementsOf(secondPage);
    }

    @Test
    void aCursorOfAnotherQueryOrNoCursorAtAllIsABadRequestThatSaysSo() throws Exception {
        String cursor = JsonPath.read(get("/api/v1/instances?sort=name&limit=2"), "$.nextCursor");
        assertThat(get("/api/v1/instances?sort=name&limit=2&cursor=" + cursor)).contains("\"instances\"");

        mvc.perform(getAs(readonly(), "/api/v1/instances?sort=-launchTime&limit=2&cursor=" + cursor))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("InvalidQuery"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("another query")));
        mvc.perform(getAs(readonly(), "/api/v1/instances?sort=name&limit=2&cursor=" + cursor + ".more"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("InvalidQuery"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("The cursor is not valid")));
    }

    @Test
    void throttledReadsAreRetriedWithBackoffAndActionsStillGoThrough() throws Exception {
        emulator().clearCalls();
        emulator().failNext("DescribeInstances", 2, Ec2Fault.throttled());
        advance(Duration.ofSeconds(61));
        inventory.tick().join();

        String list = get("/api/v1/instances?limit=1");
        assertThat((List<String>) JsonPath.read(list, "$.freshness[?(@.region != null)].status")).containsOnly("FRESH");
        long reads = emulator().calls().stream().filter(c -> c.operation().equals("DescribeInstances")).count();
        assertThat(reads).as("five account-regions, two of their calls throttled and retried").isEqualTo(5 + 2);

        // EC2 throttles every read for a while: the pictures go stale, an action is not held up
        emulator().failNext("DescribeInstances", 1000, Ec2Fault.throttled());
        advance(Duration.ofSeconds(61));
        inventory.tick().join();
        InstanceSnapshot target = plainRunning(MANAGEMENT, "us-east-1");
        mvc.perform(postAs(admin(), "/api/v1/instances/" + target.instanceId() + "/reboot", body("throttled reads")))
                .andExpect(status().isOk());
        String stale = get("/api/v1/instances?limit=1000");
        assertThat((List<String>) JsonPath.read(stale, "$.freshness[?(@.region != null)].status")).containsOnly("STALE");
        assertThat((List<String>) JsonPath.read(stale, "$.failedRegions[*].code")).contains("RequestLimitExceeded");
        assertThat((List<String>) JsonPath.read(stale, "$.instances[*].id")).contains(target.instanceId());
    }

    @Test
    void theInventorysBudgetLeavesEc2sBucketRoomForActionsHoweverOftenItRefreshes() throws Exception {
        // EC2's buckets scaled down, per account-region: 25 describe calls refilled at 6 a second; the
        // inventory's budget (the defaults) spends at most 20 at once and 5 a second
        RequestLimits limits = emulator().limitRequests(new RequestLimits(new RequestLimits.Bucket(25, 6),
                new RequestLimits.Bucket(10, 2)));
        InstanceSnapshot target = plainRunning(PRODUCTION, "us-east-1");
        emulator().clearCalls();

        // full reads back to back, far more often than the refresh interval: two describe calls each
        for (int pass = 0; pass < 15; pass++) {
            advance(Duration.ofSeconds(61));
            inventory.tick().join();
        }
        assertThat(emulator().calls().stream().filter(c -> PRODUCTION.equals(c.accountId()) && "us-east-1".equals(c.region()))
                .count()).as("every pass read the account-region").isGreaterThanOrEqualTo(30);
        assertThat(limits.throttled()).as("paced by its budget, the inventory was never throttled").isEmpty();

        // a person's describe calls (the detail reads both protections) and the action still find tokens
        String address = PRODUCTION + "/us-east-1/" + target.instanceId();
        mvc.perform(getAs(admin(), "/api/v1/instances/" + address)).andExpect(status().isOk());
        mvc.perform(postAs(admin(), "/api/v1/instances/" + address + "/reboot", body("busy refreshes")))
                .andExpect(status().isOk());
        assertThat(limits.throttled()).isEmpty();

        // the twin: the same calls without a budget, 8 at a time as fast as they go, empty the bucket and are throttled
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(8);
        try (Ec2Client raw = Ec2Client.builder().endpointOverride(emulator().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDCONSOLEUSER", "secret")))
                .overrideConfiguration(c -> c.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build()) {
            List<java.util.concurrent.Future<?>> calls = new ArrayList<>();
            for (int call = 0; call < 80; call++) {
                calls.add(callers.submit(() -> {
                    try {
                        raw.describeInstances(r -> r.maxResults(5));
                    } catch (software.amazon.awssdk.services.ec2.model.Ec2Exception throttled) {
                        assertThat(throttled.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
                    }
                }));
            }
            for (java.util.concurrent.Future<?> call : calls) {
                call.get();
            }
        } finally {
            callers.shutdown();
        }
        assertThat(limits.throttled()).isNotEmpty().allMatch(call -> MANAGEMENT.equals(call.accountId()));
    }

    private String get(String path) throws Exception {
        return mvc.perform(getAs(readonly(), path)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private String stateOf(String id) throws Exception {
        return JsonPath.read(get("/api/v1/instances?q=" + id), "$.instances[0].state");
    }

    private void advance(Duration duration) {
        clock.advance(duration);
        EMULATOR_CLOCK.advance(duration);
    }

    private static final Set<String> taken = new HashSet<>();

    private static synchronized InstanceSnapshot plainRunning(String account, String region) {
        InstanceSnapshot chosen = emulator().instances(account, region).stream().filter(TestEc2.plainRunning())
                .filter(i -> !taken.contains(i.instanceId())).findFirst().orElseThrow();
        taken.add(chosen.instanceId());
        return chosen;
    }

    private static List<InstanceSnapshot> all(String account) {
        return TestEc2.REGIONS.stream().flatMap(region -> emulator().instances(account, region).stream()).toList();
    }

    private static List<String> ids(String account) {
        return all(account).stream().map(InstanceSnapshot::instanceId).toList();
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** LookupEvents as a person auditing the account would call it, with the member role's credentials. */
    private static List<Event> trail(String account, String region, String instanceId) {
        StaticCredentialsProvider longTerm = StaticCredentialsProvider.create(AwsBasicCredentials.create("auditor", "secret"));
        try (StsClient sts = StsClient.builder().endpointOverride(emulator().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(longTerm).build()) {
            Credentials credentials = sts.assumeRole(r -> r.roleArn(RoleTrust.roleArn(account, RoleTrust.LOCAL_ROLE_NAME))
                    .roleSessionName("auditor").externalId(RoleTrust.LOCAL_EXTERNAL_ID)).credentials();
            try (CloudTrailClient trail = CloudTrailClient.builder().endpointOverride(emulator().endpoint())
                    .region(Region.of(region)).credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials
                            .create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())))
                    .build()) {
                return trail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.RESOURCE_NAME)
                        .attributeValue(instanceId))).events();
            }
        }
    }
}
