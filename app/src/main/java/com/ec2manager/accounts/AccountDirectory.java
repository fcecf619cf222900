package com.ec2manager.accounts;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The accounts the application shows and operates, in the order configured. The list may be known
 * only once asked for (the application's own account, from STS), so it is resolved on first use
 * and kept; a failed resolution is tried again on the next use.
 */
public class AccountDirectory {

    private final Supplier<List<AwsAccount>> source;
    private volatile List<AwsAccount> accounts;

    AccountDirectory(List<AwsAccount> accounts) {
        this(() -> accounts);
    }

    AccountDirectory(Supplier<List<AwsAccount>> source) {
        this.source = source;
    }

    public List<AwsAccount> all() {
        List<AwsAccount> known = accounts;
        if (known == null) {
            known = List.copyOf(source.get());
            if (known.isEmpty()) {
                throw new IllegalStateException("at least one account is needed");
            }
            accounts = known;
        }
        return known;
    }

    Optional<AwsAccount> find(String id) {
        return all().stream().filter(account -> account.id().equals(id)).findFirst();
    }
}
