package com.ec2manager.instances;

import com.ec2manager.accounts.AwsAccount;

/** One region of one account: the unit the inventory reads, budgets and reports freshness for. */
public record AccountRegion(AwsAccount account, String region) {

    public String accountId() {
        return account.id();
    }

    /** e.g. {@code 210987654321/eu-west-1} */
    public String key() {
        return account.id() + "/" + region;
    }

    @Override
    public String toString() {
        return key();
    }
}
