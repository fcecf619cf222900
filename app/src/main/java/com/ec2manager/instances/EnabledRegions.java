package com.ec2manager.instances;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.ec2manager.accounts.AccountDirectory;
import com.ec2manager.accounts.AwsAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The regions the application shows and operates in each account: the account's configured ones,
 * else {@code ec2manager.instances.regions}, else the ones DescribeRegions reports as enabled for
 * the account, remembered for a while since they rarely change.
 */
public class EnabledRegions {

    private static final Logger log = LoggerFactory.getLogger(EnabledRegions.class);
    private static final Ec2Caller CALLER = Ec2Caller.system("regions");

    private final Ec2Gateway gateway;
    private final AccountDirectory accounts;
    private final InstancesProperties properties;
    private final Clock clock;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

    private record Snapshot(List<String> regions, Instant fetchedAt) {
    }

    EnabledRegions(Ec2Gateway gateway, AccountDirectory accounts, InstancesProperties properties, Clock clock) {
        this.gateway = gateway;
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
    }

    /** The regions of one account. */
    public List<String> of(AwsAccount account) {
        if (!account.regions().isEmpty()) {
            return account.regions();
        }
        if (!properties.regions().isEmpty()) {
            return properties.regions();
        }
        Snapshot current = snapshots.get(account.id());
        Instant now = clock.instant();
        if (current != null && current.fetchedAt().plus(properties.regionListTtl()).isAfter(now)) {
            return current.regions();
        }
        try {
            List<String> regions = gateway.describeRegions(account, CALLER);
            snapshots.put(account.id(), new Snapshot(regions, now));
            return regions;
        } catch (Ec2CallException e) {
            if (current != null) {
                log.warn("DescribeRegions failed in {} ({}); keeping the regions read at {}", account.id(), e.code(),
                        current.fetchedAt());
                return current.regions();
            }
            throw e;
        }
    }

    /** The accounts, as configured. */
    public List<AwsAccount> accounts() {
        return accounts.all();
    }
}
