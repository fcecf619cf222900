package com.ec2manager.accounts;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;

/** The accounts and their sessions. */
@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

    /** The configured accounts; else the mode's defaults; else the account of the application's own credentials. */
    @Bean
    AccountDirectory accountDirectory(AccountsProperties properties, ObjectProvider<DefaultAccounts> defaults,
                                      StsClient sts) {
        if (!properties.accounts().isEmpty()) {
            return new AccountDirectory(properties.accounts());
        }
        DefaultAccounts offered = defaults.getIfAvailable();
        if (offered != null) {
            return new AccountDirectory(offered.accounts());
        }
        return new AccountDirectory(() -> {
            String own = sts.getCallerIdentity().account();
            return List.of(new AwsAccount(own, own, null, null, List.of()));
        });
    }

    @Bean(destroyMethod = "close")
    AccountSessions accountSessions(StsClient sts, AwsCredentialsProvider credentials, AccountsProperties properties) {
        return new AccountSessions(sts, credentials, properties.sessions());
    }
}
