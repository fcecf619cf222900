package com.ec2manager.instances;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import com.ec2manager.localaws.ec2.Ec2Emulator;
import com.ec2manager.localaws.ec2.Ec2EmulatorSettings;
import com.ec2manager.localaws.ec2.FleetSpec;
import com.ec2manager.localaws.ec2.InstanceSnapshot;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One EC2 emulator per test JVM for the instances ITs: 300 instances over three regions in the
 * default account and local mode's second account beside it, in memory, on a free port, with short
 * transitions; STS on the same port. Tests take instances nobody else has used,
 * so that they do not depend on each other's actions.
 */
final class TestEc2 {

    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2");
    static final String DEFAULT_ACCOUNT = Ec2EmulatorSettings.DEFAULT_ACCOUNT_ID;
    private static Ec2Emulator emulator;
    private static final Set<String> taken = ConcurrentHashMap.newKeySet();

    private TestEc2() {
    }

    static synchronized Ec2Emulator get() {
        if (emulator == null) {
            emulator = Ec2Emulator.start(Ec2EmulatorSettings.forTests(null)
                    .withFleet(new FleetSpec(REGIONS, 300, FleetSpec.DEFAULT_SEED))
                    .withTransitionDelay(Duration.ofMillis(500)), Clock.systemUTC());
            Ec2Emulator started = emulator;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-ec2-shutdown"));
        }
        return emulator;
    }

    static void register(DynamicPropertyRegistry registry) {
        registry.add("ec2manager.aws.endpoints.ec2", () -> get().endpoint().toString());
        registry.add("ec2manager.aws.endpoints.sts", () -> get().endpoint().toString());
    }

    /** Every instance of every account the emulator serves. */
    static List<InstanceSnapshot> all() {
        return get().accountIds().stream().flatMap(account -> REGIONS.stream()
                .flatMap(region -> get().instances(account, region).stream())).toList();
    }

    /** Reserves {@code count} instances matching the condition that no other test has taken. */
    static synchronized List<InstanceSnapshot> take(int count, Predicate<InstanceSnapshot> condition) {
        List<InstanceSnapshot> chosen = all().stream()
                .filter(condition)
                .filter(instance -> !taken.contains(instance.instanceId()))
                .limit(count).toList();
        if (chosen.size() < count) {
            throw new IllegalStateException("the test fleet has only " + chosen.size() + " such instances left");
        }
        chosen.forEach(instance -> taken.add(instance.instanceId()));
        return chosen;
    }

    static InstanceSnapshot take(Predicate<InstanceSnapshot> condition) {
        return take(1, condition).get(0);
    }

    /** A running instance without protection or Auto Scaling group. */
    static Predicate<InstanceSnapshot> plainRunning() {
        return instance -> instance.state() == com.ec2manager.localaws.ec2.InstanceState.RUNNING && !instance.disableApiStop()
                && !instance.disableApiTermination() && instance.autoScalingGroup() == null;
    }
}
