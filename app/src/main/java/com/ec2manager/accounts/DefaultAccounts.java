package com.ec2manager.accounts;

import java.util.List;

/**
 * The accounts a mode offers when {@code ec2manager.accounts} names none (local mode: the
 * emulator's accounts). Without this bean, the account of the application's own credentials.
 */
public record DefaultAccounts(List<AwsAccount> accounts) {

    public DefaultAccounts {
        accounts = List.copyOf(accounts);
    }
}
