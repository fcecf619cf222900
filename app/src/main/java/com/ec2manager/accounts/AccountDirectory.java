package com.ec2manager.accounts;

import java.util.List;
import java.util.Optional;

/** The accounts the application shows and operates, in the order configured. */
public class AccountDirectory {

    private final List<AwsAccount> accounts;

    public AccountDirectory(List<AwsAccount> accounts) {
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("at least one account is needed");
        }
        this.accounts = List.copyOf(accounts);
    }

    public List<AwsAccount> all() {
        return accounts;
    }

    public Optional<AwsAccount> find(String id) {
        return accounts.stream().filter(account -> account.id().equals(id)).findFirst();
    }
}
