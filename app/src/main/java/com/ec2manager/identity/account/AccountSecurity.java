package com.ec2manager.identity.account;

import java.util.Locale;
import java.util.Map;

import com.ec2manager.action.AuditedActions;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.identity.Operator;
import com.ec2manager.identity.cognito.AccountDisabledException;
import com.ec2manager.identity.cognito.CognitoGateway;
import com.ec2manager.identity.cognito.CognitoOutcomes;
import com.ec2manager.identity.cognito.IncorrectCredentialsException;
import com.ec2manager.identity.cognito.InvalidCodeException;
import com.ec2manager.identity.cognito.TooManyAttemptsException;
import com.ec2manager.identity.signin.SignInLimits;
import com.ec2manager.identity.signin.SignInService;
import com.ec2manager.identity.signin.WebSession;
import com.ec2manager.web.Caller;
import org.springframework.stereotype.Service;

/**
 * A person's own account security: changing the password, resetting it with an e-mailed code,
 * turning TOTP on and off. Each change is an audited action under the person's sub, through the
 * one kernel like every other. Turning the second factor
 * off needs the password as well as the session, so that a session left open is not enough to
 * weaken the account; wrong passwords and wrong reset codes count toward the sign-in lock-out.
 */
@Service
class AccountSecurity {

    private final CognitoGateway cognito;
    private final AuditedActions kernel;
    private final SignInLimits limits;

    AccountSecurity(CognitoGateway cognito, AuditedActions kernel, SignInLimits limits) {
        this.cognito = cognito;
        this.kernel = kernel;
        this.limits = limits;
    }

    void changePassword(Operator operator, WebSession session, String currentPassword, String password,
                        Caller caller) {
        limits.throttle(operator.email(), caller.ipAddress());
        audited(operator.userId(), operator.email(), AuditAction.CHANGE_OWN_PASSWORD, caller, () -> {
            try {
                cognito.changePassword(session.accessToken(), currentPassword, password);
            } catch (IncorrectCredentialsException e) {
                limits.failed(operator.email(), caller.ipAddress());
                throw e;
            }
        });
    }

    void enableMfa(Operator operator, WebSession session, String code, Caller caller) {
        audited(operator.userId(), operator.email(), AuditAction.ENABLE_MFA, caller,
                () -> cognito.enableSoftwareTokenMfa(session.accessToken(), code));
    }

    /** Turns TOTP off once the password is confirmed; nothing to do (and nothing recorded) when it is off. */
    void disableMfa(Operator operator, WebSession session, String password, Caller caller) {
        if (!cognito.account(session.accessToken()).mfaEnabled()) {
            return;
        }
        limits.throttle(operator.email(), caller.ipAddress());
        audited(operator.userId(), operator.email(), AuditAction.DISABLE_MFA, caller, () -> {
            confirmPassword(operator, password, caller);
            cognito.disableSoftwareTokenMfa(session.accessToken());
        });
    }

    /** The password is right when Cognito answers it with the second-factor challenge (no tokens are issued). */
    private void confirmPassword(Operator operator, String password, Caller caller) {
        if (password == null || password.isEmpty()) {
            throw new IncorrectCredentialsException("Enter your password to turn off two-step sign-in.");
        }
        try {
            cognito.signIn(operator.email(), password);
        } catch (IncorrectCredentialsException | AccountDisabledException | TooManyAttemptsException e) {
            limits.failed(operator.email(), caller.ipAddress());
            throw new IncorrectCredentialsException("The password is wrong.", e);
        }
    }

    /** "Forgot your password?": the e-mailed code and a new password; recorded under the sub, or the address when unknown. */
    void resetPassword(String email, String code, String password, Caller caller) {
        limits.throttle(email, caller.ipAddress());
        String userId = subOf(email).orElse(SignInService.UNKNOWN_USER_PREFIX + email.toLowerCase(Locale.ROOT));
        audited(userId, email, AuditAction.RESET_OWN_PASSWORD, caller, () -> {
            try {
                cognito.confirmForgotPassword(email, code, password);
            } catch (InvalidCodeException e) {
                limits.failed(email, caller.ipAddress());
                throw e;
            }
        });
    }

    private java.util.Optional<String> subOf(String email) {
        if (email.length() > SignInService.MAX_EMAIL || email.contains("\"")) {
            return java.util.Optional.empty();
        }
        try {
            return cognito.subOf(email);
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Through the one audited-action kernel: the record written PENDING (no call without it), the
     * call, the record completed from Cognito's answer (left PENDING for {@link AccountSecurityJudge}
     * when Cognito did not answer).
     */
    private void audited(String userId, String email, AuditAction action, Caller caller, Runnable call) {
        Map<String, String> extra = email == null ? Map.of() : Map.of("email", email);
        AuditIntent intent = new AuditIntent(new AuditActor(userId, email, caller.ipAddress(), caller.userAgent()),
                action, ResourceType.USER, userId, new AuditDetails(null, null, null, null, extra),
                caller.requestId(), caller.clientRequestId());
        AuditedActions.answer(kernel.perform(intent, () -> CognitoOutcomes.of(call, null)));
    }
}
