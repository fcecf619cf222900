package com.ec2manager.identity.users;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.ec2manager.action.ActionHeldException;
import com.ec2manager.action.AuditedActions;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.failure.NotPermittedException;
import com.ec2manager.identity.Operator;
import com.ec2manager.identity.Role;
import com.ec2manager.identity.cognito.CognitoGateway;
import com.ec2manager.identity.cognito.CognitoOutcomes;
import com.ec2manager.identity.cognito.InvalidUserInputException;
import com.ec2manager.identity.cognito.ManagedUser;
import com.ec2manager.identity.cognito.NewUser;
import com.ec2manager.identity.cognito.UserNotFoundException;
import com.ec2manager.identity.cognito.UserPage;
import com.ec2manager.identity.cognito.UserSearch;
import com.ec2manager.identity.tokens.TokenRevocations;
import com.ec2manager.web.Caller;
import org.springframework.stereotype.Service;

/**
 * User administration, through the audited-action kernel ({@link AuditedActions}) like an
 * instance action: authorize (a denial is audited as DENIED) → validate → look the user up (404
 * when absent) → the kernel's PENDING record, Cognito call and completion (left PENDING when
 * Cognito did not answer, for {@link UserPendingJudge}). The record's resource is the target
 * user's sub (for a creation, where no sub exists yet, the e-mail address, which is also the
 * user name given to Cognito). An action that an approval policy holds ({@link UserActionGate})
 * is not done: it waits, and runs through {@link #performApproved} once approved.
 */
@Service
public class UserAdministration {

    private static final int MAX_USERNAME = 128;

    static final int MAX_PAGE = 60;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\"]{1,64}@[^@\\s\"]+\\.[^@\\s\"]+$");
    private static final int MAX_NAME = 256;

    private final CognitoGateway cognito;
    private final AuditedActions kernel;
    private final TokenRevocations revocations;
    private final List<UserActionGate> gates;

    public UserAdministration(CognitoGateway cognito, AuditedActions kernel, TokenRevocations revocations,
                              List<UserActionGate> gates) {
        this.cognito = cognito;
        this.kernel = kernel;
        this.revocations = revocations;
        this.gates = List.copyOf(gates);
    }

    public UserPage list(Operator operator, UserSearch search, int limit, String pageToken) {
        if (!operator.isAdmin()) {
            throw new NotPermittedException("Only administrators may see the users.");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidUserInputException("The page size must be between 1 and " + MAX_PAGE + ".");
        }
        if (search.prefix().length() > 256 || search.prefix().chars().anyMatch(Character::isISOControl)) {
            throw new InvalidUserInputException("The search text is too long or contains control characters.");
        }
        return cognito.listUsers(search, limit, pageToken);
    }

    public ManagedUser user(Operator operator, String username) {
        if (!operator.isAdmin()) {
            throw new NotPermittedException("Only administrators may see the users.");
        }
        return cognito.user(username);
    }

    public ManagedUser create(Operator operator, NewUser user, Caller caller) {
        String target = user.email() == null ? "" : user.email().strip().toLowerCase(Locale.ROOT);
        authorize(operator, AuditAction.CREATE_USER, target, caller);
        NewUser valid = validate(user);
        holdIfGated(operator, caller, UserAction.CREATE, creation(valid));
        return created(operator, valid, caller, Map.of());
    }

    public void disable(Operator operator, String username, Caller caller) {
        act(operator, UserAction.DISABLE, username, caller);
    }

    public void enable(Operator operator, String username, Caller caller) {
        act(operator, UserAction.ENABLE, username, caller);
    }

    public void resetPassword(Operator operator, String username, Caller caller) {
        act(operator, UserAction.RESET_PASSWORD, username, caller);
    }

    public void delete(Operator operator, String username, Caller caller) {
        act(operator, UserAction.DELETE, username, caller);
    }

    /**
     * An action that was held back and has since been approved, done now as the person who asked
     * for it: past the gates, its record naming its approvers ({@code details.approvedBy}).
     *
     * @throws UserChangedException when the user is gone or is no longer the one asked about
     *                              (deleted and created again): nothing is done or recorded
     */
    public void performApproved(Operator requester, Caller origin, UserAction action, UserActionTarget target,
                                List<String> approvedBy) {
        Map<String, String> approved = Map.of("approvedBy", String.join(",", approvedBy));
        if (action == UserAction.CREATE) {
            Map<String, String> fields = target.parameters();
            created(requester, validate(new NewUser(fields.get("givenName"), fields.get("familyName"), target.email(),
                    Role.fromValue(fields.getOrDefault("role", "")).orElse(null), fields.get("department"))), origin,
                    approved);
            return;
        }
        ManagedUser now;
        try {
            now = cognito.user(target.username());
        } catch (UserNotFoundException e) {
            throw UserChangedException.gone(target.email() != null ? target.email() : target.username());
        }
        if (target.sub() != null && !target.sub().equals(now.sub())) {
            throw UserChangedException.replaced(target.email() != null ? target.email() : target.username());
        }
        refuseOwnAccount(requester, action, now);
        perform(requester, action, now, origin, approved);
    }

    private ManagedUser created(Operator operator, NewUser valid, Caller caller, Map<String, String> approved) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("email", valid.email());
        extra.put("role", valid.role().value());
        if (valid.department() != null) {
            extra.put("department", valid.department());
        }
        extra.putAll(approved);
        return AuditedActions.answer(kernel.perform(intent(operator, AuditAction.CREATE_USER, valid.email(), null,
                extra, caller), () -> CognitoOutcomes.of(() -> cognito.createUser(valid), ManagedUser::status)));
    }

    private void act(Operator operator, UserAction action, String username, Caller caller) {
        authorize(operator, action.auditAction(), username, caller);
        if (username == null || username.isBlank()) {
            throw new InvalidUserInputException("A user name is required.");
        }
        if (username.length() > MAX_USERNAME) {
            // Cognito's limit for a user name: a longer one names nobody
            throw new InvalidUserInputException("A user name has at most " + MAX_USERNAME + " characters, not "
                    + username.length() + ".");
        }
        ManagedUser target = cognito.user(username);
        refuseOwnAccount(operator, action, target);
        holdIfGated(operator, caller, action, new UserActionTarget(target.username(), target.sub(), target.email(),
                Map.of()));
        perform(operator, action, target, caller, Map.of());
    }

    /** From the PENDING record to its completion, for a user looked up just now. */
    private void perform(Operator operator, UserAction action, ManagedUser target, Caller caller,
                         Map<String, String> approved) {
        Map<String, String> extra = new LinkedHashMap<>();
        if (target.email() != null) {
            extra.put("email", target.email());
        }
        extra.put("username", target.username());
        extra.putAll(approved);
        String previous = target.enabled() ? target.status() : "DISABLED";
        AuditedActions.answer(kernel.perform(intent(operator, action.auditAction(),
                target.sub() != null ? target.sub() : target.username(), previous, extra, caller),
                () -> CognitoOutcomes.of(() -> {
                    call(action, target);
                    return target;
                }, done -> stateAfter(action))));
    }

    private static void refuseOwnAccount(Operator operator, UserAction action, ManagedUser target) {
        boolean removesAccess = action == UserAction.DISABLE || action == UserAction.DELETE;
        if (removesAccess && operator.userId().equals(target.sub())) {
            throw new InvalidUserInputException("You cannot disable or delete your own account.");
        }
    }

    private void call(UserAction action, ManagedUser target) {
        switch (action) {
            case DISABLE -> {
                cognito.disableUser(target.username());
                // tokens issued before now are refused by every instance at once
                revocations.revokeAll(target.sub());
            }
            case ENABLE -> cognito.enableUser(target.username());
            case RESET_PASSWORD -> cognito.resetPassword(target.username());
            case DELETE -> {
                cognito.deleteUser(target.username());
                revocations.revokeAll(target.sub());
            }
            case CREATE -> throw new IllegalArgumentException("a creation has no existing user to act on");
        }
    }

    private static String stateAfter(UserAction action) {
        return switch (action) {
            case DISABLE -> "disabled";
            case ENABLE -> "enabled";
            case RESET_PASSWORD -> "RESET_REQUIRED";
            case DELETE -> "deleted";
            case CREATE -> "FORCE_CHANGE_PASSWORD";
        };
    }

    private void holdIfGated(Operator operator, Caller caller, UserAction action, UserActionTarget target) {
        for (UserActionGate gate : gates) {
            var held = gate.hold(operator, caller, action, target);
            if (held.isPresent()) {
                throw new ActionHeldException(held.get());
            }
        }
    }

    /** What a creation would make, for an approval request to be bound to. */
    private static UserActionTarget creation(NewUser valid) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("givenName", valid.givenName());
        fields.put("familyName", valid.familyName());
        fields.put("role", valid.role().value());
        if (valid.department() != null) {
            fields.put("department", valid.department());
        }
        return new UserActionTarget(valid.email(), null, valid.email(), fields);
    }

    /** A non-administrator's attempt is refused and recorded as DENIED under the attempted action. */
    private void authorize(Operator operator, AuditAction action, String target, Caller caller) {
        String id = target == null || target.isBlank() ? "unknown" : target;
        kernel.authorize(operator.isAdmin(), "only administrators may manage users",
                intent(operator, action, id, null, Map.of(), caller), List.of(id));
    }

    private static AuditIntent intent(Operator operator, AuditAction action, String resourceId, String previousState,
                                      Map<String, String> extra, Caller caller) {
        return new AuditIntent(new AuditActor(operator.userId(), operator.email(), caller.ipAddress(), caller.userAgent()),
                action, ResourceType.USER, resourceId, new AuditDetails(null, previousState, null, null, extra),
                caller.requestId(), caller.clientRequestId());
    }

    /** The new user's fields, trimmed, or a 400 naming every problem. */
    static NewUser validate(NewUser user) {
        List<String> problems = new ArrayList<>();
        String given = trim(user.givenName());
        String family = trim(user.familyName());
        String email = trim(user.email());
        String department = trim(user.department());
        if (given == null) {
            problems.add("the given name is required");
        } else if (given.length() > MAX_NAME) {
            problems.add("the given name is longer than " + MAX_NAME + " characters");
        }
        if (family == null) {
            problems.add("the family name is required");
        } else if (family.length() > MAX_NAME) {
            problems.add("the family name is longer than " + MAX_NAME + " characters");
        }
        if (email == null) {
            problems.add("the e-mail address is required");
        } else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            problems.add("the e-mail address is not valid");
        }
        if (user.role() == null) {
            problems.add("the role must be admin or readonly");
        }
        if (department != null && department.length() > MAX_NAME) {
            problems.add("the department is longer than " + MAX_NAME + " characters");
        }
        if (!problems.isEmpty()) {
            String message = String.join("; ", problems);
            throw new InvalidUserInputException(Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".");
        }
        return new NewUser(given, family, email.toLowerCase(Locale.ROOT), user.role(), department);
    }

    private static String trim(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
