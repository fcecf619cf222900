package com.ec2manager.identity.users;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
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
import com.ec2manager.identity.tokens.TokenRevocations;
import org.springframework.stereotype.Component;

/**
 * Judges audit records of user administration left PENDING — the application stopped, or
 * Cognito did not answer, between the intent and the outcome — from the user's real state in
 * Cognito (AdminGetUser). Cognito never confirmed them, so every result is inferred. Only records
 * of resource type USER with one of {@link #ACTIONS} are its own.
 *
 * <p>The record names its user by sub (the resource id) and by user name (in the details); a user
 * found under that name with another sub is another person, and the one meant counts as gone.
 */
@Component
public class UserPendingJudge implements PendingJudge {

    /** The actions whose PENDING records this reconciler settles. */
    public static final Set<AuditAction> ACTIONS = EnumSet.of(AuditAction.CREATE_USER, AuditAction.DISABLE_USER,
            AuditAction.ENABLE_USER, AuditAction.RESET_USER_PASSWORD, AuditAction.DELETE_USER);

    /** How far Cognito's clock may lie behind ours when a creation date is compared with the intent. */
    static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);

    private final CognitoGateway cognito;
    private final TokenRevocations revocations;
    private final Duration callTimeout;

    UserPendingJudge(CognitoGateway cognito, TokenRevocations revocations, com.ec2manager.aws.AwsProperties aws) {
        this.cognito = cognito;
        this.revocations = revocations;
        // a deletion or a disabling also writes the sign-out to DynamoDB
        this.callTimeout = aws.timeouts().cognitoCall().plus(aws.timeouts().dynamodbCall());
    }

    @Override
    public boolean owns(AuditRecord record) {
        return record.resourceType() == ResourceType.USER && ACTIONS.contains(record.action());
    }

    @Override
    public AuditResult judge(AuditRecord record) {
        return settle(record, currentState(record));
    }

    @Override
    public Duration callTimeout() {
        return callTimeout;
    }

    /** The user the record meant, as Cognito has it now; empty when gone. Throws when Cognito cannot tell. */
    private Optional<UserNow> currentState(AuditRecord record) {
        String username = username(record);
        ManagedUser user;
        try {
            user = cognito.user(username);
        } catch (UserNotFoundException e) {
            return Optional.empty();
        }
        if (record.action() != AuditAction.CREATE_USER && record.resourceId() != null
                && user.sub() != null && !record.resourceId().equals(user.sub()) && !record.resourceId().equals(username)) {
            return Optional.empty(); // the name now belongs to someone else
        }
        List<String> groups = record.action() == AuditAction.CREATE_USER ? cognito.groups(user.username()) : List.of();
        return Optional.of(new UserNow(user, groups));
    }

    /**
     * The outcome the action must have had, judged from the user's state now. Disabling and
     * deleting also void the user's tokens; that step may have been cut off too, so it is repeated
     * (it is idempotent) before such an action is settled as done.
     */
    AuditResult settle(AuditRecord record, Optional<UserNow> now) {
        AuditAction action = record.action();
        if (now.isEmpty()) {
            if (action == AuditAction.DELETE_USER) {
                revokeTokensOf(record);
                return AuditResult.inferred(Conclusion.PROBABLY_PERFORMED, "deleted", "the user no longer exists");
            }
            return AuditResult.inferred(action == AuditAction.CREATE_USER ? Conclusion.PROBABLY_NOT_PERFORMED
                    : Conclusion.UNDETERMINED, null, "the user does not exist, so the " + verb(action)
                    + (action == AuditAction.CREATE_USER ? " did not happen or was undone" : " cannot be confirmed"));
        }
        ManagedUser user = now.get().user();
        return switch (action) {
            case CREATE_USER -> created(record, now.get());
            case DISABLE_USER -> {
                if (user.enabled()) {
                    yield notReached(action, "enabled", "the user is enabled");
                }
                revokeTokensOf(record);
                yield reached("disabled", "the user is disabled");
            }
            case ENABLE_USER -> user.enabled() ? reached("enabled", "the user is enabled")
                    : notReached(action, "disabled", "the user is disabled");
            case RESET_USER_PASSWORD -> "RESET_REQUIRED".equals(user.status())
                    ? reached("RESET_REQUIRED", "the user must reset the password")
                    : notReached(action, user.status(), "the user's status is " + user.status());
            case DELETE_USER -> notReached(action, user.status(), "the user still exists");
            default -> throw new IllegalArgumentException("not a user administration action: " + action);
        };
    }

    /** A creation happened if the user exists, was created no earlier than the intent and is in the role's group. */
    private static AuditResult created(AuditRecord record, UserNow now) {
        ManagedUser user = now.user();
        if (user.created() != null && user.created().isBefore(record.eventTime().minus(CLOCK_TOLERANCE))) {
            return AuditResult.inferred(Conclusion.PROBABLY_NOT_PERFORMED, user.status(), "a user with this name "
                    + "existed before the creation was attempted");
        }
        String role = record.details() == null ? null : record.details().extra().get("role");
        if (role != null && !now.groups().contains(role)) {
            return AuditResult.inferred(Conclusion.PROBABLY_NOT_PERFORMED, user.status(), "the user exists but is not "
                    + "in the group " + role + ", so the creation did not complete");
        }
        return reached(user.status(), "the user exists, created after the attempt, in the role's group");
    }

    private void revokeTokensOf(AuditRecord record) {
        String sub = record.resourceId();
        if (sub != null && !sub.contains("@")) {
            revocations.revokeAll(sub);
        }
    }

    private static AuditResult reached(String state, String seen) {
        return AuditResult.inferred(Conclusion.PROBABLY_PERFORMED, state, seen);
    }

    private static AuditResult notReached(AuditAction action, String state, String seen) {
        return AuditResult.inferred(Conclusion.PROBABLY_NOT_PERFORMED, state, seen + ", not what the " + verb(action)
                + " leads to");
    }

    private static String verb(AuditAction action) {
        return switch (action) {
            case CREATE_USER -> "creation";
            case DISABLE_USER -> "disabling";
            case ENABLE_USER -> "enabling";
            case RESET_USER_PASSWORD -> "password reset";
            case DELETE_USER -> "deletion";
            default -> action.name();
        };
    }

    /** The name the action gave Cognito: recorded in the details, else the e-mail or the resource id. */
    private static String username(AuditRecord record) {
        var extra = record.details() == null ? java.util.Map.<String, String>of() : record.details().extra();
        if (extra.get("username") != null) {
            return extra.get("username");
        }
        if (extra.get("email") != null) {
            return extra.get("email");
        }
        return record.resourceId();
    }

    /** A user as Cognito has it now, with its groups when they matter. */
    record UserNow(ManagedUser user, List<String> groups) {
    }
}
