package com.ec2manager.localaws.ec2;

import static com.ec2manager.localaws.ec2.Ec2DescribeIT.instances;
import static com.ec2manager.localaws.ec2.Ec2DescribeIT.tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Tag;

/** What happened before a restart is still true after it; the seed is deterministic. */
class Ec2PersistenceIT {

    @TempDir
    Path dataDir;

    @Test
    void changesSurviveARestart() {
        String stopped;
        String stopping;
        String tagged;
        List<Instance> before;
        java.time.Instant closedAt;
        try (EmulatorHarness first = EmulatorHarness.standard(dataDir)) {
            var ec2 = first.client("us-east-1");
            List<String> candidates = first.emulator.instances("us-east-1").stream()
                    .filter(i -> i.state() == InstanceState.RUNNING && !i.disableApiStop())
                    .map(InstanceSnapshot::instanceId).toList();
            stopped = candidates.get(0);
            stopping = candidates.get(1);
            tagged = candidates.get(2);
            ec2.stopInstances(r -> r.instanceIds(stopped));
            first.clock.advance(Ec2EmulatorSettings.DEFAULT_TRANSITION_DELAY);
            ec2.stopInstances(r -> r.instanceIds(stopping));
            ec2.createTags(r -> r.resources(tagged).tags(Tag.builder().key("Ticket").value("OPS-1").build()));
            before = EmulatorHarness.allInstances(ec2);
            closedAt = first.clock.instant();
        }
        assertThat(dataDir.resolve("state.json")).exists();
        try (EmulatorHarness second = EmulatorHarness.standard(dataDir)) {
            second.clock.set(closedAt);
            var ec2 = second.client("us-east-1");
            assertThat(EmulatorHarness.allInstances(ec2)).containsExactlyElementsOf(before);
            assertThat(instances(ec2.describeInstances(r -> r.instanceIds(stopped))).get(0).state().name())
                    .isEqualTo(InstanceStateName.STOPPED);
            assertThat(tag(instances(ec2.describeInstances(r -> r.instanceIds(tagged))).get(0), "Ticket")).isEqualTo("OPS-1");
            // a transition under way when the emulator stopped ends on time after the restart
            assertThat(instances(ec2.describeInstances(r -> r.instanceIds(stopping))).get(0).state().name())
                    .isEqualTo(InstanceStateName.STOPPING);
            second.clock.advance(Ec2EmulatorSettings.DEFAULT_TRANSITION_DELAY);
            assertThat(instances(ec2.describeInstances(r -> r.instanceIds(stopping))).get(0).state().name())
                    .isEqualTo(InstanceStateName.STOPPED);
        }
    }

    @Test
    void aStateFileWrittenBeforeHibernationOptionsExistedReadsEveryInstanceAsNotConfigured() throws Exception {
        String configured;
        try (EmulatorHarness first = EmulatorHarness.standard(dataDir)) {
            configured = first.emulator.instances("us-east-1").stream().filter(InstanceSnapshot::hibernationConfigured)
                    .findFirst().orElseThrow().instanceId();
        }
        Path file = dataDir.resolve("state.json");
        String json = Files.readString(file);
        assertThat(json).contains("\"hibernationConfigured\":true");
        Files.writeString(file, json.replaceAll("\"hibernationConfigured\":(true|false),", ""));
        try (EmulatorHarness second = EmulatorHarness.standard(dataDir)) {
            assertThat(instances(second.client("us-east-1").describeInstances(r -> r.instanceIds(configured))).get(0)
                    .hibernationOptions().configured()).isFalse();
        }
    }

    @Test
    void theSavedFleetWinsOverADifferentSeedAndNoTemporaryFileIsLeft() throws Exception {
        List<Instance> seeded;
        try (EmulatorHarness first = EmulatorHarness.standard(dataDir)) {
            seeded = EmulatorHarness.allInstances(first.client("eu-west-1"));
        }
        Ec2EmulatorSettings other = Ec2EmulatorSettings.forTests(dataDir).withFleet(FleetSpec.standard().withSeed(99));
        try (EmulatorHarness second = new EmulatorHarness(other)) {
            assertThat(EmulatorHarness.allInstances(second.client("eu-west-1"))).containsExactlyElementsOf(seeded);
        }
        try (var files = Files.list(dataDir)) {
            // the default account's state, and the member account's in a folder of its own
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("state.json", "accounts");
        }
        try (var files = Files.list(dataDir.resolve("accounts").resolve(FleetSpec.STANDARD_MEMBER_ACCOUNT))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.json");
        }
    }

    @Test
    void debouncedSavesAreWrittenOnClose(@TempDir Path otherDir) {
        Ec2EmulatorSettings settings = Ec2EmulatorSettings.forTests(otherDir).withSaveDelay(Duration.ofMinutes(5));
        String id;
        try (EmulatorHarness first = new EmulatorHarness(settings)) {
            id = first.emulator.instances("ap-southeast-2").stream()
                    .filter(i -> i.state() == InstanceState.RUNNING && !i.disableApiTermination())
                    .findFirst().orElseThrow().instanceId();
            first.client("ap-southeast-2").terminateInstances(r -> r.instanceIds(id));
        }
        try (EmulatorHarness second = new EmulatorHarness(settings)) {
            assertThat(second.emulator.instances("ap-southeast-2")).filteredOn(i -> i.instanceId().equals(id))
                    .singleElement().extracting(InstanceSnapshot::state).isEqualTo(InstanceState.SHUTTING_DOWN);
        }
    }

    @Test
    void theSameSeedAndClockGiveTheSameFleet(@TempDir Path a, @TempDir Path b) {
        try (EmulatorHarness one = EmulatorHarness.standard(a); EmulatorHarness two = EmulatorHarness.standard(b)) {
            for (String region : FleetSpec.standard().regions()) {
                assertThat(EmulatorHarness.allInstances(one.client(region)))
                        .containsExactlyElementsOf(EmulatorHarness.allInstances(two.client(region)));
            }
        }
    }
}
