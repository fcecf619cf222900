package com.ec2manager.identity.account;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import com.ec2manager.action.PendingJudge;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult.Conclusion;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.identity.cognito.CognitoGateway;
import com.ec2manager.identity.cognito.ManagedUser;
import com.ec2manager.identity.cognito.UserNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Judges a person's own account-security changes left PENDING (Cognito did not answer, or the
 * application stopped mid-call) from the account's state in Cognito. Turning TOTP on or off shows
 * in AdminGetUser's MFA settings; a password change leaves nothing Cognito reports, so such a
 * record is settled as undetermined rather than guessed.
 */
@Component
class AccountSecurityJudge implements PendingJudge {

    static final Set<AuditAction> ACTIONS = EnumSet.of(AuditAction.ENABLE_MFA, AuditAction.DISABLE_MFA,
            AuditAction.CHANGE_OWN_PASSWORD, AuditAction.RESET_OWN_PASSWORD);

    private final CognitoGateway cognito;
    private final Duration callTimeout;

    AccountSecurityJudge(CognitoGateway cognito, com.ec2manager.aws.AwsProperties aws) {
        this.cognito = cognito;
        // turning the second factor off confirms the password first: two Cognito calls
        this.callTimeout = aws.timeouts().cognitoCall().multipliedBy(2);
    }

    @Override
    public boolean owns(AuditRecord record) {
        return record.resourceType() == ResourceType.USER && ACTIONS.contains(record.action());
    }

    @Override
    public AuditResult judge(AuditRecord record) {
        if (record.action() == AuditAction.CHANGE_OWN_PASSWORD || record.action() == AuditAction.RESET_OWN_PASSWORD) {
            return AuditResult.inferred(Conclusion.UNDETERMINED, null,
                    "Cognito reports no trace of a password change, so whether it happened cannot be told");
        }
        String email = record.details() == null ? null : record.details().extra().get("email");
        if (email == null) {
            return AuditResult.inferred(Conclusion.UNDETERMINED, null, "the record does not name the account");
        }
        ManagedUser user;
        try {
            user = cognito.user(email);
        } catch (UserNotFoundException e) {
            return AuditResult.inferred(Conclusion.UNDETERMINED, null, "the account no longer exists");
        }
        boolean wanted = record.action() == AuditAction.ENABLE_MFA;
        String state = user.mfaEnabled() ? "MFA_ON" : "MFA_OFF";
        return user.mfaEnabled() == wanted
                ? AuditResult.inferred(Conclusion.PROBABLY_PERFORMED, state, "two-step sign-in is "
                        + (wanted ? "on" : "off"))
                : AuditResult.inferred(Conclusion.PROBABLY_NOT_PERFORMED, state, "two-step sign-in is still "
                        + (wanted ? "off" : "on"));
    }

    @Override
    public Duration callTimeout() {
        return callTimeout;
    }
}
