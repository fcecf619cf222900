package com.ec2manager.accounts;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The AWS accounts to show and operate ({@code ec2manager.accounts[n].…}) and how their sessions
 * are made.
 *
 * @param accounts      the accounts; none configured: local mode's two emulated accounts, or in aws
 *                      mode the account of the application's own credentials
 * @param sessions      how sessions in the accounts are assumed
 */
@ConfigurationProperties("ec2manager")
record AccountsProperties(List<AwsAccount> accounts,
                                 @DefaultValue Sessions sessions) {

    AccountsProperties {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        if (accounts.stream().map(AwsAccount::id).distinct().count() != accounts.size()) {
            throw new IllegalArgumentException("ec2manager.accounts names an account twice");
        }
    }

    /**
     * @param duration    how long an assumed session lasts (AssumeRole's DurationSeconds); default 1 hour
     * @param serviceName the RoleSessionName and SourceIdentity of the application's own (listing)
     *                    sessions; default {@code ec2-manager}
     * @param cacheSize   how many operator sessions (operator × account) are kept; default 1,000
     */
    record Sessions(@DefaultValue("1h") Duration duration,
                           @DefaultValue("ec2-manager") String serviceName,
                           @DefaultValue("1000") int cacheSize) {
    }
}
