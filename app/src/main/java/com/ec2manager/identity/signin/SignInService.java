package com.ec2manager.identity.signin;

import java.time.Clock;
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
import com.ec2manager.identity.Operator;
import com.ec2manager.identity.cognito.AccountDisabledException;
import com.ec2manager.identity.cognito.CognitoGateway;
import com.ec2manager.identity.cognito.IdentityUnavailableException;
import com.ec2manager.identity.cognito.IncorrectCredentialsException;
import com.ec2manager.identity.cognito.InvalidCodeException;
import com.ec2manager.identity.cognito.PasswordPolicyException;
import com.ec2manager.identity.cognito.SignInStep;
import com.ec2manager.identity.cognito.Tokens;
import com.ec2manager.identity.cognito.TooManyAttemptsException;
import com.ec2manager.identity.tokens.TokenRevocations;
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
 * <p>Every failed attempt counts toward the lock-out ({@link SignInLimits}): a wrong password, a
 * wrong TOTP code, an unknown or disabled account alike. While an account or address must wait,
 * attempts are refused with 429 without asking Cognito; the first refusal is recorded, the ones
 * after it are not (they would flood the trail). A disabled account, and an account Cognito itself
 * locked, get the same answer as a wrong password: the answers never tell whether an account exists.
 * An e-mail address longer than any real one (254 characters) is refused without asking Cognito
 * and recorded like any failed sign-in.
 *
 * <p>A sign-in whose record cannot be written does not happen: the fresh tokens are revoked and
 * the person gets a 503. A sign-out always happens (refusing it would be the greater harm); its
 * record is written afterwards and a failure to write it is logged.
 */
@Service
public class SignInService {

    private static final Logger log = LoggerFactory.getLogger(SignInService.class);
    public static final String UNKNOWN_USER_PREFIX = "unknown:";
    /** RFC 5321's longest address; anything longer is not an account and must not reach a key. */
    public static final int MAX_EMAIL = 254;
    public static final String INCORRECT = "Incorrect e-mail or password.";
    public static final String WAIT = "Too many failed attempts; wait a few minutes and try again.";

    private final CognitoGateway cognito;
    private final JwtDecoder decoder;
    private final AuditTrail audit;
    private final TokenRevocations revocations;
    private final SignInLimits limits;
    private final Clock clock;

    SignInService(CognitoGateway cognito, JwtDecoder decoder, AuditTrail audit, TokenRevocations revocations,
                  SignInLimits limits, Clock clock) {
        this.clock = clock;
        this.cognito = cognito;
        this.decoder = decoder;
        this.audit = audit;
        this.revocations = revocations;
        this.limits = limits;
    }

    /** The first step: a session, or a challenge to answer (kept by the caller for the next step). */
    public Result signIn(String email, String password, Caller caller) {
        String normalized = email == null ? "" : email.strip();
        if (normalized.isEmpty() || password == null || password.isEmpty()) {
            throw new IncorrectCredentialsException(INCORRECT);
        }
        throttle(normalized, caller);
        if (normalized.length() > MAX_EMAIL || normalized.chars().anyMatch(Character::isISOControl)) {
            IncorrectCredentialsException refused = new IncorrectCredentialsException(INCORRECT);
            failed(normalized, caller, refused);
            throw refused;
        }
        SignInStep step;
        try {
            step = cognito.signIn(normalized, password);
        } catch (ApplicationException e) {
            throw failed(normalized, caller, e);
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
            throw failed(pending.email(), caller, e);
        }
        return finish(step, pending.email(), caller, "new password");
    }

    public Result answerMfa(PendingSignIn pending, String code, Caller caller) {
        throttle(pending.email(), caller);
        SignInStep step;
        try {
            step = cognito.completeMfa(pending.challenge(), code);
        } catch (ApplicationException e) {
            throw failed(pending.email(), caller, e);
        }
        return finish(step, pending.email(), caller, "password and TOTP");
    }

    private Result finish(SignInStep step, String email, Caller caller, String method) {
        if (step instanceof SignInStep.Challenge challenge) {
            return new Result(null, new PendingSignIn(challenge, email));
        }
        Tokens tokens = ((SignInStep.SignedIn) step).tokens();
        java.time.Instant signedInAt = clock.instant();
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
        limits.succeeded(email, caller.ipAddress());
        return new Result(WebSession.signedIn(tokens, username, email, signedInAt), null);
    }

    /** Refuses the attempt while the account or the address must wait; records the first refusal. */
    private void throttle(String email, Caller caller) {
        limits.check(email, caller.ipAddress()).ifPresent(refusal -> {
            TooManyAttemptsException refused = new TooManyAttemptsException(WAIT);
            if (refusal.first()) {
                record(email, caller, refused);
            }
            throw refused;
        });
    }

    /**
     * Counts and records a failed attempt; answers what the person is told: a disabled account and
     * Cognito's own lock-out look like a wrong password, so that no answer reveals an account.
     */
    private ApplicationException failed(String email, Caller caller, ApplicationException failure) {
        boolean counts = failure instanceof IncorrectCredentialsException || failure instanceof AccountDisabledException
                || failure instanceof InvalidCodeException || failure instanceof TooManyAttemptsException;
        if (counts) {
            limits.failed(email, caller.ipAddress());
        }
        record(email, caller, failure);
        return failure instanceof AccountDisabledException || failure instanceof TooManyAttemptsException
                ? new IncorrectCredentialsException(INCORRECT, failure) : failure;
    }

    private void record(String email, Caller caller, ApplicationException failure) {
        String userId = cognitoSubOf(email).orElse(UNKNOWN_USER_PREFIX + email.toLowerCase(Locale.ROOT));
        audit.record(intent(userId, email, AuditAction.SIGN_IN_FAILED, caller, Map.of()),
                AuditResult.failed(failure.code(), failure.getMessage(), null));
    }

    private Optional<String> cognitoSubOf(String email) {
        if (email.isEmpty() || email.length() > MAX_EMAIL || email.contains("\"")) {
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
                ResourceType.USER, userId, new AuditDetails(null, null, null, null, extra), caller.requestId(),
                caller.clientRequestId());
    }

    /** Either a session (signed in) or a pending challenge. */
    public record Result(WebSession session, PendingSignIn pending) {
    }
}
