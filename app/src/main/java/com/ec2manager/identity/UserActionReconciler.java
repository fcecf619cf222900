package com.ec2manager.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.PendingSettlement;
import com.ec2manager.audit.ResourceType;

/**
 * Settles audit records of user administration left PENDING — the application stopped, or
 * Cognito did not answer, between the intent and the outcome — from the user's real state in
 * Cognito (AdminGetUser). Runs at start-up and then on a timer; only records older than the grace
 * period, so that it never races a request still in flight. Only records of resource type USER
 * with one of {@link #ACTIONS} are its own; instance actions are the instances reconciler's.
 * Completion is conditional (from PENDING), so two nodes reconciling at once settle each record once.
 *
 * <p>The record names its user by sub (the resource id) and by user name (in the details); a user
 * found under that name with another sub is another person, and the one meant counts as gone.
 */
public class UserActionReconciler {


    /** The actions whose PENDING records this reconciler settles. */
    public static final Set<AuditAction> ACTIONS = EnumSet.of(AuditAction.CREATE_USER, AuditAction.DISABLE_USER,
            AuditAction.ENABLE_USER, AuditAction.RESET_USER_PASSWORD, AuditAction.DELETE_USER);

    static final String UNKNOWN = "Reconciled.Unknown";
    static final String NOT_FOUND = "Reconciled.UserNotFound";
    /** How far Cognito's clock may lie behind ours when a creation date is compared with the intent. */
    static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);

    private final AuditTrail audit;
    private final CognitoGateway cognito;
    private final TokenRevocations revocations;
    private final IdentityProperties properties;
    private final Clock clock;

    public UserActionReconciler(AuditTrail audit, CognitoGateway cognito, TokenRevocations revocations,
                                IdentityProperties properties, Clock clock) {
        this.audit = audit;
        this.cognito = cognito;
        this.revocations = revocations;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether a record is one this reconciler settles. */
    public static boolean owns(AuditRecord record) {
        return record.resourceType() == ResourceType.USER && ACTIONS.contains(record.action());
    }

    /** One pass; never throws, so that the timer keeps running. */
    public PendingSettlement.Pass reconcile() {
        return PendingSettlement.run(audit, clock.instant(), properties.reconcilerLookback(),
                properties.reconcilerGrace(), "user reconciler", UserActionReconciler::owns,
                record -> settle(record, currentState(record)));
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
                return AuditResult.succeeded("deleted", null);
            }
            return AuditResult.failed(NOT_FOUND, "Settled by the reconciler: the user does not exist, so the "
                    + verb(action) + (action == AuditAction.CREATE_USER ? " did not happen or was undone"
                    : " cannot be confirmed"), null);
        }
        ManagedUser user = now.get().user();
        return switch (action) {
            case CREATE_USER -> created(record, now.get());
            case DISABLE_USER -> {
                if (user.enabled()) {
                    yield unknown(action, "the user is enabled");
                }
                revokeTokensOf(record);
                yield AuditResult.succeeded("disabled", null);
            }
            case ENABLE_USER -> user.enabled() ? AuditResult.succeeded("enabled", null)
                    : unknown(action, "the user is disabled");
            case RESET_USER_PASSWORD -> "RESET_REQUIRED".equals(user.status())
                    ? AuditResult.succeeded("RESET_REQUIRED", null)
                    : unknown(action, "the user's status is " + user.status());
            case DELETE_USER -> unknown(action, "the user still exists");
            default -> throw new IllegalArgumentException("not a user administration action: " + action);
        };
    }

    /** A creation happened if the user exists, was created no earlier than the intent and is in the role's group. */
    private static AuditResult created(AuditRecord record, UserNow now) {
        ManagedUser user = now.user();
        if (user.created() != null && user.created().isBefore(record.eventTime().minus(CLOCK_TOLERANCE))) {
            return AuditResult.failed(UNKNOWN, "Settled by the reconciler: a user with this name existed before "
                    + "the creation was attempted", null);
        }
        String role = record.details() == null ? null : record.details().extra().get("role");
        if (role != null && !now.groups().contains(role)) {
            return AuditResult.failed(UNKNOWN, "Settled by the reconciler: the user exists but is not in the group "
                    + role + ", so the creation did not complete", null);
        }
        return AuditResult.succeeded(user.status(), null);
    }

    private void revokeTokensOf(AuditRecord record) {
        String sub = record.resourceId();
        if (sub != null && !sub.contains("@")) {
            revocations.revokeAll(sub);
        }
    }

    private static AuditResult unknown(AuditAction action, String state) {
        return AuditResult.failed(UNKNOWN, "Settled by the reconciler: " + state + ", not what the " + verb(action)
                + " leads to", null);
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
