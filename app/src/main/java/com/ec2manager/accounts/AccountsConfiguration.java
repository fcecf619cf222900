package com.ec2manager.accounts;

import java.util.List;

import com.ec2manager.aws.AwsProperties;
import com.ec2manager.localaws.ec2.Ec2EmulatorSettings;
import com.ec2manager.localaws.ec2.FleetSpec;
import com.ec2manager.localaws.sts.RoleTrust;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;

/** The accounts and their sessions. */
@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

    @Bean
    AccountDirectory accountDirectory(AccountsProperties properties, AwsProperties aws, StsClient sts) {
        if (!properties.accounts().isEmpty()) {
            return new AccountDirectory(properties.accounts());
        }
        if (aws.local()) {
            return new AccountDirectory(localAccounts());
        }
        // aws mode without configured accounts: the account of the application's own credentials
        String own = sts.getCallerIdentity().account();
        return new AccountDirectory(List.of(new AwsAccount(own, own, null, null, List.of())));
    }

    @Bean(destroyMethod = "close")
    AccountSessions accountSessions(StsClient sts, AwsCredentialsProvider credentials, AccountsProperties properties) {
        return new AccountSessions(sts, credentials, properties.sessions());
    }

    /** Local mode's two emulated accounts, each through its member role, as a real deployment would be. */
    static List<AwsAccount> localAccounts() {
        return List.of(local(Ec2EmulatorSettings.DEFAULT_ACCOUNT_ID, "Management"),
                local(FleetSpec.STANDARD_MEMBER_ACCOUNT, "Production"));
    }

    private static AwsAccount local(String id, String name) {
        return new AwsAccount(id, name, RoleTrust.roleArn(id, RoleTrust.LOCAL_ROLE_NAME), RoleTrust.LOCAL_EXTERNAL_ID,
                List.of());
    }
}
