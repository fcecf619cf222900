package com.ec2manager.instances;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prepared index answers every query exactly as filtering, sorting and counting each instance
 * one by one would: the same instances in the same order, the same facet counts.
 */
class FleetIndexTest {

    private static final List<String> TAG_FACETS = List.of("Environment", "Team");
    private static final List<String> ACCOUNTS = List.of("123456789012", "210987654321");
    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-south-1");
    private static final List<String> TYPES = List.of("t3.micro", "T3.Small", "m5.large");
    private static final List<String> ENVIRONMENTS = List.of("production", "staging");
    private static final List<String> TEAMS = List.of("payments", "data", "web");

    @Test
    void everyQueryIsAnsweredAsCheckingEachInstanceWould() {
        Random random = new Random(42);
        List<Instance> fleet = fleet(random, 300);
        FleetIndex index = index(fleet);
        List<Indexed> prepared = fleet.stream().map(Indexed::of).toList();

        for (int q = 0; q < 100; q++) {
            InstanceQuery query = randomQuery(random);
            FleetIndex.Selection selection = index.select(query);

            List<Instance> expected = prepared.stream().filter(query::matches).map(Indexed::instance)
                    .sorted(query.sort().comparator()).toList();
            assertThat(keys(selection.slice(0, selection.total()))).as(query.toString()).isEqualTo(keys(expected));
            assertThat(counts(selection.facets())).as(query.toString()).isEqualTo(bruteForceFacets(prepared, query));
        }
    }

    @Test
    void aFacetCountsAsIfItsOwnFilterWereSetToEachValue() {
        List<Instance> fleet = List.of(
                instance("i-1", "123456789012", "us-east-1", InstanceState.RUNNING, "t3.micro", Map.of("Team", "payments")),
                instance("i-2", "123456789012", "eu-west-1", InstanceState.RUNNING, "t3.micro", Map.of("Team", "payments")),
                instance("i-3", "123456789012", "eu-west-1", InstanceState.STOPPED, "t3.micro", Map.of("Team", "data")));
        FleetIndex index = index(fleet);

        FleetIndex.Selection selection = index.select(InstanceQuery.of(List.of(), List.of("us-east-1"), List.of("running"),
                List.of(), List.of(), List.of("Team=payments"), null, null));

        assertThat(selection.slice(0, selection.total())).extracting(Instance::id).containsExactly("i-1");
        // i-2 differs only by region: it counts for eu-west-1 in the region facet, nowhere else
        assertThat(counts(selection.facets()).get("region")).containsExactly(Map.entry("eu-west-1", 1L), Map.entry("us-east-1", 1L));
        assertThat(counts(selection.facets()).get("state")).containsExactly(Map.entry("running", 1L));
        // i-3 differs by region, state and team: it counts nowhere
        assertThat(counts(selection.facets()).get("tag:Team")).containsExactly(Map.entry("payments", 1L));
    }

    private static List<String> keys(List<Instance> instances) {
        return instances.stream().map(i -> i.accountId() + "/" + i.region() + "/" + i.id()).toList();
    }

    private static FleetIndex index(List<Instance> fleet) {
        FacetValues facets = new FacetValues(TAG_FACETS);
        return new FleetIndex(fleet.stream().map(instance -> Indexed.of(instance, facets)).toList(), facets);
    }

    private static Map<String, Map<String, Long>> counts(Map<String, List<InstancePage.FacetCount>> facets) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        facets.forEach((facet, values) -> {
            Map<String, Long> byValue = new TreeMap<>();
            values.forEach(value -> byValue.put(value.value(), value.count()));
            counts.put(facet, byValue);
        });
        return counts;
    }

    /** Per facet, the instances matching the query with that facet's filter left out, by value. */
    private static Map<String, Map<String, Long>> bruteForceFacets(List<Indexed> fleet, InstanceQuery query) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        count(counts, "account", fleet, without(query, "account"), Instance::accountId);
        count(counts, "region", fleet, without(query, "region"), Instance::region);
        count(counts, "state", fleet, without(query, "state"), i -> i.state().value());
        count(counts, "type", fleet, without(query, "type"), Instance::type);
        count(counts, "zone", fleet, without(query, "zone"), Instance::availabilityZone);
        for (String key : TAG_FACETS) {
            count(counts, "tag:" + key, fleet, without(query, "tag:" + key), i -> i.tags().get(key));
        }
        return counts;
    }

    private static void count(Map<String, Map<String, Long>> counts, String facet, List<Indexed> fleet, InstanceQuery query,
                              Function<Instance, String> value) {
        Map<String, Long> byValue = new TreeMap<>();
        fleet.stream().filter(query::matches).map(Indexed::instance).map(value).filter(v -> v != null)
                .forEach(v -> byValue.merge(v, 1L, Long::sum));
        counts.put(facet, byValue);
    }

    private static InstanceQuery without(InstanceQuery q, String facet) {
        return new InstanceQuery(facet.equals("account") ? java.util.Set.of() : q.accounts(),
                facet.equals("region") ? java.util.Set.of() : q.regions(),
                facet.equals("state") ? java.util.Set.of() : q.states(),
                facet.equals("type") ? java.util.Set.of() : q.types(),
                facet.equals("zone") ? java.util.Set.of() : q.zones(),
                q.tags().stream().filter(tag -> !("tag:" + tag.key()).equals(facet)).toList(), q.text(), q.sort());
    }

    private static InstanceQuery randomQuery(Random random) {
        return InstanceQuery.of(some(random, ACCOUNTS), some(random, REGIONS),
                some(random, List.of("running", "stopped", "pending")), some(random, List.of("t3.micro", "m5.large", "t3.small")),
                some(random, List.of("us-east-1a", "eu-west-1a", "eu-west-1b")),
                some(random, List.of("Environment=production", "Team=data", "Team", "Owner=ops", "Environment")),
                random.nextInt(3) == 0 ? List.of("1", "web", "ops", "10.0.1", "PAY").get(random.nextInt(5)) : null,
                List.of("name", "-name", "launchTime", "-launchTime", "id", "state", "-type", "account", "zone").get(random.nextInt(9)));
    }

    private static List<String> some(Random random, List<String> values) {
        List<String> chosen = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            values.stream().filter(v -> random.nextInt(3) == 0).forEach(chosen::add);
        }
        return chosen;
    }

    private static List<Instance> fleet(Random random, int size) {
        List<Instance> fleet = new ArrayList<>();
        for (int n = 0; n < size; n++) {
            Map<String, String> tags = new LinkedHashMap<>();
            if (random.nextInt(4) > 0) {
                tags.put("Name", random.nextInt(10) == 0 ? "Web-" + n : "svc-" + random.nextInt(50));
            }
            if (random.nextInt(3) > 0) {
                tags.put("Environment", ENVIRONMENTS.get(random.nextInt(2)));
            }
            if (random.nextBoolean()) {
                tags.put("Team", TEAMS.get(random.nextInt(3)));
            }
            if (random.nextInt(5) == 0) {
                tags.put("Owner", "ops");
            }
            Instance base = instance(String.format("i-%017x", random.nextInt(1_000_000)), ACCOUNTS.get(random.nextInt(2)),
                    REGIONS.get(random.nextInt(3)), List.of(InstanceState.RUNNING, InstanceState.STOPPED, InstanceState.PENDING)
                            .get(random.nextInt(3)), TYPES.get(random.nextInt(3)), tags);
            // a few share an id in other accounts, and some have no launch time: ties and missing values
            fleet.add(random.nextInt(10) == 0 ? withLaunch(base, null) : base);
        }
        return fleet;
    }

    private static Instance instance(String id, String account, String region, InstanceState state, String type,
                                     Map<String, String> tags) {
        return new Instance(id, tags.get("Name"), state, type, region + (id.hashCode() % 2 == 0 ? "a" : "b"), region,
                "10.0.1." + (id.hashCode() & 0xff), null, null, null, Instant.parse("2025-01-01T00:00:00Z")
                .plusSeconds(id.hashCode() & 0xfff), "Linux/UNIX", "ami-1", tags, null, account, "Account " + account,
                "vpc-1", "subnet-1", null, null, List.of(), "/dev/xvda", "ebs", List.of(), List.of(), null, null, null);
    }

    private static Instance withLaunch(Instance i, Instant launchTime) {
        return new Instance(i.id(), i.name(), i.state(), i.type(), i.availabilityZone(), i.region(), i.privateIp(),
                i.publicIp(), i.privateDns(), i.publicDns(), launchTime, i.platform(), i.imageId(), i.tags(),
                i.autoScalingGroup(), i.accountId(), i.accountName(), i.vpcId(), i.subnetId(), i.keyName(),
                i.iamInstanceProfile(), i.securityGroups(), i.rootDeviceName(), i.rootDeviceType(), i.volumes(),
                i.networkInterfaces(), i.statusChecks(), i.protection(), i.cpuAverage());
    }
}
