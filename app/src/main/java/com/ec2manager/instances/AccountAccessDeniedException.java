package com.ec2manager.instances;

import com.ec2manager.failure.FailureKind;

/**
 * STS would not give the application a session in the account (an unknown role, a trust policy
 * that refuses it, a wrong external id): nothing of that account can be read or operated.
 */
class AccountAccessDeniedException extends Ec2CallException {

    AccountAccessDeniedException(AccountRegion where, String stsError, Throwable cause) {
        super(FailureKind.REFUSED_BY_SERVICE, "AssumeRoleFailed", "Could not assume " + where.account().roleArn()
                + " for account " + where.account().name() + " (" + where.accountId() + "): " + stsError, null, cause);
    }
}
