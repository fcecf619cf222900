package com.ec2manager.localaws.ec2;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One emulated account's EC2: its fleet (loaded from its state file or seeded), its enabled
 * regions and the operations over them.
 */
final class AccountEc2 implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AccountEc2.class);

    final String accountId;
    final Fleet fleet;
    final Ec2Api api;
    final Set<String> enabledRegions;
    private final StateFile stateFile;

    AccountEc2(String accountId, FleetSpec wanted, Path dataDir, Ec2EmulatorSettings settings, Clock clock) {
        this.accountId = accountId;
        Optional<StateFile.Saved> saved = dataDir == null ? Optional.empty() : StateFile.load(dataDir);
        FleetSpec spec = saved.map(StateFile.Saved::fleet).orElse(wanted);
        if (saved.isPresent() && !spec.equals(wanted)) {
            log.info("EC2 emulator keeps the fleet of account {} saved in {} ({}); delete the folder to seed {}",
                    accountId, dataDir, spec, wanted);
        }
        List<Ec2Instance> instances = saved.map(StateFile.Saved::instances)
                .orElseGet(() -> FleetSeeder.seed(wanted, clock.instant()));
        this.fleet = new Fleet(instances, settings.terminatedRetention(), this::stateChanged);
        Duration saveDelay = settings.saveDelay();
        this.stateFile = dataDir == null ? null : new StateFile(dataDir, saveDelay,
                () -> StateFile.saved(spec, clock.instant(), fleet.snapshot(clock.instant())));
        if (stateFile != null && saved.isEmpty()) {
            // the seed is saved at once, so the fleet stays the same whatever the seeder becomes
            stateFile.save();
        }
        RegionQueries regions = new RegionQueries(wanted.regions());
        this.api = new Ec2Api(fleet, new PageToken(), new StateMachine(settings.transitionDelay()), regions);
        this.enabledRegions = regions.enabled();
        log.info("EC2 emulator account {}: {} instances over {}", accountId, instances.size(), wanted.regions());
    }

    private void stateChanged() {
        if (stateFile != null) {
            stateFile.changed();
        }
    }

    @Override
    public void close() {
        if (stateFile != null) {
            stateFile.close();
        }
    }
}
