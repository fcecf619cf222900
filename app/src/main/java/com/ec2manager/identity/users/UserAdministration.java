package com.ec2manager.identity.users;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.ec2manager.action.AuditedActions;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.failure.NotPermittedException;
import com.ec2manager.identity.Operator;
import com.ec2manager.identity.cognito.CognitoGateway;
import com.ec2manager.identity.cognito.CognitoOutcomes;
import com.ec2manager.identity.cognito.InvalidUserInputException;
import com.ec2manager.identity.cognito.ManagedUser;
import com.ec2manager.identity.cognito.NewUser;
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
 * user name given to Cognito).
 */
@Service
class UserAdministration {

    static final int MAX_PAGE = 60;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\"]{1,64}@[^@\\s\"]+\\.[^@\\s\"]+$");
    private static final int MAX_NAME = 256;

    private final CognitoGateway cognito;
    private final AuditedActions kernel;
    private final TokenRevocations revocations;

    public UserAdministration(CognitoGateway cognito, AuditedActions kernel, TokenRevocations revocations) {
        this.cognito = cognito;
        this.kernel = kernel;
        this.revocations = revocations;
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
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("email", valid.email());
        extra.put("role", valid.role().value());
        if (valid.department() != null) {
            extra.put("department", valid.department());
        }
        return AuditedActions.answer(kernel.perform(intent(operator, AuditAction.CREATE_USER, valid.email(), null,
                extra, caller), () -> CognitoOutcomes.of(() -> cognito.createUser(valid), ManagedUser::status)));
    }

    public void disable(Operator operator, String username, Caller caller) {
        act(operator, AuditAction.DISABLE_USER, username, caller, true, target -> {
            cognito.disableUser(target.username());
            // tokens issued before now are refused by every instance at once
            revocations.revokeAll(target.sub());
        }, "disabled");
    }

    public void enable(Operator operator, String username, Caller caller) {
        act(operator, AuditAction.ENABLE_USER, username, caller, false,
                target -> cognito.enableUser(target.username()), "enabled");
    }

    public void resetPassword(Operator operator, String username, Caller caller) {
        act(operator, AuditAction.RESET_USER_PASSWORD, username, caller, false,
                target -> cognito.resetPassword(target.username()), "RESET_REQUIRED");
    }

    public void delete(Operator operator, String username, Caller caller) {
        act(operator, AuditAction.DELETE_USER, username, caller, true, target -> {
            cognito.deleteUser(target.username());
            revocations.revokeAll(target.sub());
        }, "deleted");
    }

    private void act(Operator operator, AuditAction action, String username, Caller caller, boolean notOnSelf,
                     Consumer<ManagedUser> call, String newState) {
        authorize(operator, action, username, caller);
        if (username == null || username.isBlank() || username.length() > 128) {
            throw new InvalidUserInputException("A user name is required.");
        }
        ManagedUser target = cognito.user(username);
        if (notOnSelf && operator.userId().equals(target.sub())) {
            throw new InvalidUserInputException("You cannot disable or delete your own account.");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        if (target.email() != null) {
            extra.put("email", target.email());
        }
        extra.put("username", target.username());
        String previous = target.enabled() ? target.status() : "DISABLED";
        AuditedActions.answer(kernel.perform(intent(operator, action, target.sub() != null ? target.sub() : username,
                previous, extra, caller), () -> CognitoOutcomes.of(() -> {
                    call.accept(target);
                    return target;
                }, done -> newState)));
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
