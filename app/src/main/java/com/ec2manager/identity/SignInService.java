package com.ec2manager.identity;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.failure.ApplicationException;
import com.ec2manager.web.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Service;

/**
 * Signs people in and out through Cognito, with every outcome in the audit trail: SIGN_IN
 * (userId = the sub), SIGN_IN_FAILED and SIGN_OUT.
 *
 * <p>A failed sign-in is filed under the person's sub when the e-mail address belongs to a user,
 * and under the pseudo id {@code unknown:<e-mail in lower case>} otherwise, so that attempts on
 * unknown addresses can still be found together (by user id) without inventing a sub.
 *
 * <p>A sign-in whose record cannot be written does not happen: the fresh tokens are revoked and
 * the person gets a 503. A sign-out always happens (refusing it would be the greater harm); its
 * record is written afterwards and a failure to write it is logged.
 */
@Service
public class SignInService {

    private static final Logger log = LoggerFactory.getLogger(SignInService.class);
    static final String UNKNOWN_USER_PREFIX = "unknown:";

    private final CognitoGateway cognito;
    private final JwtDecoder decoder;
    private final AuditTrail audit;
    private final TokenRevocations revocations;

    public SignInService(CognitoGateway cognito, JwtDecoder decoder, AuditTrail audit, TokenRevocations revocations) {
        this.cognito = cognito;
        this.decoder = decoder;
        this.audit = audit;
        this.revocations = revocations;
    }

    /** The first step: a session, or a challenge to answer (kept by the caller for the next step). */
    public Result signIn(String email, String password, Caller caller) {
        String normalized = email == null ? "" : email.strip();
        if (normalized.isEmpty() || password == null || password.isEmpty()) {
            throw new IncorrectCredentialsException("Incorrect e-mail or password.");
        }
        SignInStep step;
        try {
            step = cognito.signIn(normalized, password);
        } catch (ApplicationException e) {
            failed(normalized, caller, e);
            throw e;
        }
        return finish(step, normalized, caller, "password");
    }

    public Result answerNewPassword(PendingSignIn pending, String newPassword, Caller caller) {
        SignInStep step;
        try {
            step = cognito.completeNewPassword(pending.challenge(), newPassword);
        } catch (PasswordPolicyException e) {
            throw e; // the person simply tries another password; not a failed sign-in
        } catch (ApplicationException e) {
            failed(pending.email(), caller, e);
            throw e;
        }
        return finish(step, pending.email(), caller, "new password");
    }

    public Result answerMfa(PendingSignIn pending, String code, Caller caller) {
        SignInStep step;
        try {
            step = cognito.completeMfa(pending.challenge(), code);
        } catch (ApplicationException e) {
            failed(pending.email(), caller, e);
            throw e;
        }
        return finish(step, pending.email(), caller, "password and TOTP");
    }

    private Result finish(SignInStep step, String email, Caller caller, String method) {
        if (step instanceof SignInStep.Challenge challenge) {
            return new Result(null, new PendingSignIn(challenge, email));
        }
        Tokens tokens = ((SignInStep.SignedIn) step).tokens();
        Jwt jwt;
        try {
            jwt = decoder.decode(tokens.accessToken());
        } catch (JwtException e) {
            throw new IdentityUnavailableException("Cognito issued a token the application cannot verify.", e);
        }
        String username = Optional.ofNullable(jwt.getClaimAsString("username")).orElse(email);
        Operator operator = Operator.fromAccessToken(jwt, email);
        try {
            audit.record(intent(operator.userId(), email, AuditAction.SIGN_IN, caller, Map.of("method", method)),
                    AuditResult.succeeded(null, null));
        } catch (RuntimeException e) {
            try {
                cognito.signOutEverywhere(tokens.accessToken());
            } catch (RuntimeException revocation) {
                e.addSuppressed(revocation);
            }
            throw e;
        }
        return new Result(new WebSession(tokens.accessToken(), tokens.refreshToken(), username, email), null);
    }

    private void failed(String email, Caller caller, ApplicationException failure) {
        String userId = cognitoSubOf(email).orElse(UNKNOWN_USER_PREFIX + email.toLowerCase(Locale.ROOT));
        audit.record(intent(userId, email, AuditAction.SIGN_IN_FAILED, caller, Map.of()),
                AuditResult.failed(failure.code(), failure.getMessage(), null));
    }

    private Optional<String> cognitoSubOf(String email) {
        if (email.isEmpty() || email.contains("\"")) {
            return Optional.empty();
        }
        try {
            return cognito.subOf(email);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * GlobalSignOut at Cognito and a sign-out record shared by every instance, so that the
     * session's access tokens are refused at once everywhere, also as Bearer tokens.
     */
    public void signOut(WebSession session, Operator operator, Jwt accessToken, Caller caller) {
        AuditResult result = AuditResult.succeeded(null, null);
        try {
            cognito.signOutEverywhere(session.accessToken());
        } catch (ApplicationException e) {
            result = AuditResult.failed(e.code(), e.getMessage(), null);
        }
        revocations.signedOut(operator.userId(), accessToken.getClaimAsString("origin_jti"));
        try {
            audit.record(intent(operator.userId(), operator.email(), AuditAction.SIGN_OUT, caller, Map.of()), result);
        } catch (RuntimeException e) {
            log.error("sign-out of {} done but not audited: {}", operator.userId(), e.toString());
        }
    }

    private static AuditIntent intent(String userId, String email, AuditAction action, Caller caller,
                                      Map<String, String> extra) {
        return new AuditIntent(new AuditActor(userId, email, caller.ipAddress(), caller.userAgent()), action,
                ResourceType.USER, userId, new AuditDetails(null, null, null, null, extra), caller.requestId());
    }

    /** Either a session (signed in) or a pending challenge. */
    public record Result(WebSession session, PendingSignIn pending) {
    }
}
