package com.ec2manager.instances;

import org.springframework.http.HttpStatus;

/**
 * STS would not give the application a session in the account (an unknown role, a trust policy
 * that refuses it, a wrong external id): nothing of that account can be read or operated.
 */
public class AccountAccessDeniedException extends Ec2CallException {

    public AccountAccessDeniedException(AccountRegion where, String stsError, Throwable cause) {
        super(HttpStatus.BAD_GATEWAY, "AssumeRoleFailed", "Could not assume " + where.account().roleArn()
                + " for account " + where.account().name() + " (" + where.accountId() + "): " + stsError, null, cause);
    }

    @Override
    public String title() {
        return "No access to the account";
    }
}
