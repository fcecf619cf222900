package com.ec2manager.accounts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Credentials in each account: the application's own session (for listing), and for state-changing
 * calls one session per (operator, account) whose {@code SourceIdentity} and {@code RoleSessionName}
 * name the operator (see {@link SourceIdentity}), so that CloudTrail names the person. Sessions are
 * the SDK's {@link StsAssumeRoleCredentialsProvider}s: each keeps its credentials and assumes the
 * role again shortly before they expire. An account without a role uses the application's own
 * credentials for everything.
 */
public class AccountSessions implements AutoCloseable {

    private final StsClient sts;
    private final AwsCredentialsProvider own;
    private final AccountsProperties.Sessions settings;
    private final Map<String, StsAssumeRoleCredentialsProvider> service = new ConcurrentHashMap<>();
    private final Map<OperatorAccount, StsAssumeRoleCredentialsProvider> operators = new ConcurrentHashMap<>();

    private record OperatorAccount(String sourceIdentity, String accountId) {
    }

    AccountSessions(StsClient sts, AwsCredentialsProvider own, AccountsProperties.Sessions settings) {
        this.sts = sts;
        this.own = own;
        this.settings = settings;
    }

    /** The application's own session in the account: for reading the fleet. */
    public AwsCredentialsProvider service(AwsAccount account) {
        if (!account.assumesRole()) {
            return own;
        }
        return service.computeIfAbsent(account.id(), id -> assume(account, SourceIdentity.of(settings.serviceName())));
    }

    /** The operator's session in the account: for every state-changing call made for them. */
    public AwsCredentialsProvider operator(AwsAccount account, String operator) {
        if (!account.assumesRole()) {
            return own;
        }
        String identity = SourceIdentity.of(operator);
        OperatorAccount key = new OperatorAccount(identity, account.id());
        StsAssumeRoleCredentialsProvider cached = operators.get(key);
        if (cached != null) {
            return cached;
        }
        if (operators.size() >= settings.cacheSize()) {
            // Rare (more people × accounts than the cache holds): start over rather than track use.
            operators.values().forEach(SdkAutoCloseable::close);
            operators.clear();
        }
        return operators.computeIfAbsent(key, k -> assume(account, identity));
    }

    private StsAssumeRoleCredentialsProvider assume(AwsAccount account, String identity) {
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(request -> request.roleArn(account.roleArn())
                        .roleSessionName(identity)
                        .sourceIdentity(identity)
                        .externalId(account.externalId())
                        .durationSeconds((int) settings.duration().toSeconds()))
                .build();
    }

    @Override
    public void close() {
        service.values().forEach(SdkAutoCloseable::close);
        operators.values().forEach(SdkAutoCloseable::close);
    }
}
