package com.ec2manager.localaws.ec2;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the EC2 emulator runs.
 *
 * @param host                the address to bind, e.g. {@code 127.0.0.1}
 * @param port                the port to bind; 0 picks a free one (see {@link Ec2Emulator#port()})
 * @param dataDir             the folder of {@code state.json}; null keeps the state in memory only
 * @param fleet               the fleet to seed when the folder holds no state, and the regions served
 * @param transitionDelay     how long pending, stopping and shutting-down last (default 3 s)
 * @param terminatedRetention how long a terminated instance stays visible (EC2: about an hour)
 * @param saveDelay           zero to save the state after every change; otherwise changes within
 *                            this delay are saved together (for large fleets)
 * @param members             further accounts served beside the default one, each with its fleet
 *                            (saved under {@code <dataDir>/accounts/<id>})
 */
public record Ec2EmulatorSettings(String host, int port, Path dataDir, FleetSpec fleet, Duration transitionDelay,
                                  Duration terminatedRetention, Duration saveDelay,
                                  List<MemberAccount> members) {

    public static final Duration DEFAULT_TRANSITION_DELAY = Duration.ofSeconds(3);
    public static final Duration TERMINATED_RETENTION = Duration.ofHours(1);

    public Ec2EmulatorSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the EC2 emulator needs a host to bind");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        if (fleet == null || transitionDelay == null || terminatedRetention == null || saveDelay == null) {
            throw new IllegalArgumentException("fleet, delays and retention are required");
        }
        members = members == null ? List.of() : List.copyOf(members);
        if (members.stream().map(MemberAccount::accountId).distinct().count() != members.size()
                || members.stream().anyMatch(m -> m.accountId().equals(FleetSeeder.OWNER_ID))) {
            throw new IllegalArgumentException("an account is served twice: " + members);
        }
    }

    /** The default account's id; requests signed with any long-term key act in it. */
    public static final String DEFAULT_ACCOUNT_ID = FleetSeeder.OWNER_ID;

    /**
     * Local mode: the standard fleet in the default account and {@link FleetSpec#standardMember()}
     * in a second one, delays of a few seconds, state saved on every change.
     */
    public static Ec2EmulatorSettings localMode(String host, int port, Path dataDir) {
        return new Ec2EmulatorSettings(host, port, dataDir, FleetSpec.standard(), DEFAULT_TRANSITION_DELAY,
                TERMINATED_RETENTION, Duration.ZERO,
                List.of(new MemberAccount(FleetSpec.STANDARD_MEMBER_ACCOUNT, FleetSpec.standardMember())));
    }

    /** Tests: loopback, a free port, the standard fleet. */
    public static Ec2EmulatorSettings forTests(Path dataDir) {
        return localMode("127.0.0.1", 0, dataDir);
    }

    /** Benchmarks: the large fleet (10,000 instances over 16 regions), saves batched. */
    public static Ec2EmulatorSettings largeFleet(String host, int port, Path dataDir) {
        return localMode(host, port, dataDir).withFleet(FleetSpec.large()).withSaveDelay(Duration.ofMillis(500))
                .withMembers(List.of());
    }

    /** Benchmarks at scale: three accounts × 16 regions × 10,000 instances each (30,000 in all). */
    public static Ec2EmulatorSettings largeAccounts(String host, int port, Path dataDir) {
        return localMode(host, port, dataDir).withLargeAccounts();
    }

    /** These settings with the large fleet in three accounts (30,000 instances), saves batched. */
    public Ec2EmulatorSettings withLargeAccounts() {
        return withFleet(FleetSpec.large()).withSaveDelay(Duration.ofMillis(500)).withMembers(
                FleetSpec.LARGE_MEMBER_ACCOUNTS.stream().map(id -> new MemberAccount(id,
                        FleetSpec.large().withSeed(FleetSpec.DEFAULT_SEED + id.hashCode()))).toList());
    }

    public Ec2EmulatorSettings withPort(int newPort) {
        return new Ec2EmulatorSettings(host, newPort, dataDir, fleet, transitionDelay, terminatedRetention, saveDelay, members);
    }

    public Ec2EmulatorSettings withDataDir(Path newDataDir) {
        return new Ec2EmulatorSettings(host, port, newDataDir, fleet, transitionDelay, terminatedRetention, saveDelay, members);
    }

    public Ec2EmulatorSettings withFleet(FleetSpec newFleet) {
        return new Ec2EmulatorSettings(host, port, dataDir, newFleet, transitionDelay, terminatedRetention, saveDelay, members);
    }

    public Ec2EmulatorSettings withTransitionDelay(Duration delay) {
        return new Ec2EmulatorSettings(host, port, dataDir, fleet, delay, terminatedRetention, saveDelay, members);
    }

    public Ec2EmulatorSettings withSaveDelay(Duration delay) {
        return new Ec2EmulatorSettings(host, port, dataDir, fleet, transitionDelay, terminatedRetention, delay, members);
    }

    public Ec2EmulatorSettings withMembers(List<MemberAccount> newMembers) {
        return new Ec2EmulatorSettings(host, port, dataDir, fleet, transitionDelay, terminatedRetention, saveDelay,
                newMembers);
    }
}
