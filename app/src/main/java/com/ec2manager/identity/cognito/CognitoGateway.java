package com.ec2manager.identity.cognito;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.ec2manager.identity.Role;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SoftwareTokenMfaSettingsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenResponseType;

/**
 * The application's only door to Cognito. SDK model types stay in here; Cognito's errors leave
 * as the application's exception types with messages a person can act on.
 */
public class CognitoGateway {

    private static final Logger log = LoggerFactory.getLogger(CognitoGateway.class);
    public static final String TOTP_ISSUER = "EC2 Manager";

    private final CognitoIdentityProviderClient cognito;
    private final CognitoPool pool;

    public CognitoGateway(CognitoIdentityProviderClient cognito, CognitoPool pool) {
        this.cognito = cognito;
        this.pool = pool;
    }

    public CognitoPool pool() {
        return pool;
    }

    // --- sign-in ------------------------------------------------------------------------------

    /** USER_PASSWORD_AUTH: tokens, or the challenge Cognito asks to answer first. */
    public SignInStep signIn(String email, String password) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("USERNAME", email);
        parameters.put("PASSWORD", password);
        secretHash(email).ifPresent(hash -> parameters.put("SECRET_HASH", hash));
        InitiateAuthResponse response = call(() -> cognito.initiateAuth(b -> b
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH).clientId(pool.clientId()).authParameters(parameters)));
        return step(response.authenticationResult(), response.challengeName(), response.session(),
                response.challengeParameters(), email);
    }

    /** Answers NEW_PASSWORD_REQUIRED with the person's own new password. */
    public SignInStep completeNewPassword(SignInStep.Challenge challenge, String newPassword) {
        Map<String, String> answers = new HashMap<>();
        answers.put("USERNAME", challenge.username());
        answers.put("NEW_PASSWORD", newPassword);
        return respond(challenge, ChallengeNameType.NEW_PASSWORD_REQUIRED, answers);
    }

    /** Answers SOFTWARE_TOKEN_MFA with a TOTP code. */
    public SignInStep completeMfa(SignInStep.Challenge challenge, String code) {
        Map<String, String> answers = new HashMap<>();
        answers.put("USERNAME", challenge.username());
        answers.put("SOFTWARE_TOKEN_MFA_CODE", code);
        return respond(challenge, ChallengeNameType.SOFTWARE_TOKEN_MFA, answers);
    }

    private SignInStep respond(SignInStep.Challenge challenge, ChallengeNameType name, Map<String, String> answers) {
        secretHash(challenge.username()).ifPresent(hash -> answers.put("SECRET_HASH", hash));
        RespondToAuthChallengeResponse response = call(() -> cognito.respondToAuthChallenge(b -> b
                .clientId(pool.clientId()).challengeName(name).session(challenge.session())
                .challengeResponses(answers)));
        return step(response.authenticationResult(), response.challengeName(), response.session(),
                response.challengeParameters(), challenge.username());
    }

    private SignInStep step(AuthenticationResultType result, ChallengeNameType challenge, String session,
                            Map<String, String> parameters, String username) {
        if (result != null && result.accessToken() != null) {
            return new SignInStep.SignedIn(new Tokens(result.accessToken(), result.refreshToken(), result.idToken()));
        }
        // Cognito names the real user name (the sub when e-mail is an alias) in USER_ID_FOR_SRP.
        String user = parameters != null && parameters.get("USER_ID_FOR_SRP") != null
                ? parameters.get("USER_ID_FOR_SRP") : username;
        if (challenge == ChallengeNameType.NEW_PASSWORD_REQUIRED) {
            return new SignInStep.Challenge(SignInStep.ChallengeKind.NEW_PASSWORD_REQUIRED, user, session);
        }
        if (challenge == ChallengeNameType.SOFTWARE_TOKEN_MFA) {
            return new SignInStep.Challenge(SignInStep.ChallengeKind.SOFTWARE_TOKEN_MFA, user, session);
        }
        throw new IdentityUnavailableException("Cognito asked for a sign-in step the application does not support ("
                + challenge + ").");
    }

    /**
     * REFRESH_TOKEN_AUTH: a new access token for the same session. Cognito does not rotate the
     * refresh token here, so the old one is kept.
     */
    public Tokens refresh(String username, String refreshToken) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("REFRESH_TOKEN", refreshToken);
        secretHash(username).ifPresent(hash -> parameters.put("SECRET_HASH", hash));
        InitiateAuthResponse response = call(() -> cognito.initiateAuth(b -> b
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH).clientId(pool.clientId()).authParameters(parameters)));
        AuthenticationResultType result = response.authenticationResult();
        if (result == null || result.accessToken() == null) {
            throw new SessionRevokedException("The session could not be renewed; sign in again.");
        }
        return new Tokens(result.accessToken(),
                result.refreshToken() != null ? result.refreshToken() : refreshToken, result.idToken());
    }

    /** GlobalSignOut: revokes every token of the person, on every device. */
    public void signOutEverywhere(String accessToken) {
        call(() -> cognito.globalSignOut(b -> b.accessToken(accessToken)));
    }

    // --- the person's own account -----------------------------------------------------------

    public Account account(String accessToken) {
        var user = call(() -> cognito.getUser(b -> b.accessToken(accessToken)));
        Map<String, String> attributes = attributes(user.userAttributes());
        boolean mfa = user.userMFASettingList() != null && user.userMFASettingList().contains("SOFTWARE_TOKEN_MFA");
        return new Account(user.username(), attributes.get("sub"), attributes.get("email"),
                attributes.get("given_name"), attributes.get("family_name"),
                Role.fromValue(attributes.get("custom:role")).orElse(null), attributes.get("custom:department"), mfa);
    }

    /**
     * Whether Cognito still honours the access token: false when it was revoked (GlobalSignOut,
     * RevokeToken) or its user is disabled or deleted.
     */
    public boolean accepts(String accessToken) {
        try {
            call(() -> cognito.getUser(b -> b.accessToken(accessToken)));
            return true;
        } catch (SessionRevokedException | IncorrectCredentialsException | AccountDisabledException
                 | UserNotFoundException e) {
            return false;
        }
    }

    public void changePassword(String accessToken, String currentPassword, String newPassword) {
        try {
            call(() -> cognito.changePassword(b -> b.accessToken(accessToken)
                    .previousPassword(currentPassword).proposedPassword(newPassword)));
        } catch (IncorrectCredentialsException e) {
            throw new IncorrectCredentialsException("The current password is wrong.", e);
        }
    }

    /** Sends a reset code to the verified e-mail address. Unknown addresses look the same to the caller. */
    public void forgotPassword(String email) {
        try {
            call(() -> cognito.forgotPassword(b -> b.clientId(pool.clientId()).username(email)
                    .secretHash(secretHash(email).orElse(null))));
        } catch (UserNotFoundException e) {
            // Telling "unknown" from "sent" would let anyone probe which addresses have accounts.
            log.debug("password reset asked for an unknown user");
        }
    }

    public void confirmForgotPassword(String email, String code, String newPassword) {
        try {
            call(() -> cognito.confirmForgotPassword(b -> b.clientId(pool.clientId()).username(email)
                    .confirmationCode(code).password(newPassword).secretHash(secretHash(email).orElse(null))));
        } catch (UserNotFoundException e) {
            throw new InvalidCodeException("The code is wrong or has expired.");
        }
    }

    /** Starts TOTP enrolment: the shared secret to put into an authenticator app. */
    public String associateSoftwareToken(String accessToken) {
        return call(() -> cognito.associateSoftwareToken(b -> b.accessToken(accessToken))).secretCode();
    }

    /** Finishes TOTP enrolment with a first code and makes TOTP the preferred (required) second factor. */
    public void enableSoftwareTokenMfa(String accessToken, String code) {
        var verified = call(() -> cognito.verifySoftwareToken(b -> b.accessToken(accessToken).userCode(code)
                .friendlyDeviceName(TOTP_ISSUER)));
        if (verified.status() != VerifySoftwareTokenResponseType.SUCCESS) {
            throw new InvalidCodeException("The code is wrong; check the clock of the device and try again.");
        }
        setSoftwareTokenMfa(accessToken, true);
    }

    public void disableSoftwareTokenMfa(String accessToken) {
        setSoftwareTokenMfa(accessToken, false);
    }

    private void setSoftwareTokenMfa(String accessToken, boolean enabled) {
        call(() -> cognito.setUserMFAPreference(b -> b.accessToken(accessToken).softwareTokenMfaSettings(
                SoftwareTokenMfaSettingsType.builder().enabled(enabled).preferredMfa(enabled).build())));
    }

    // --- administration -----------------------------------------------------------------------

    public UserPage listUsers(UserSearch search, int limit, String pageToken) {
        var response = call(() -> cognito.listUsers(b -> b.userPoolId(pool.userPoolId()).filter(search.filter())
                .limit(limit).paginationToken(pageToken == null || pageToken.isBlank() ? null : pageToken)));
        List<ManagedUser> users = new ArrayList<>();
        for (UserType user : response.users()) {
            users.add(managedUser(user.username(), user.attributes(), user.userStatusAsString(),
                    Boolean.TRUE.equals(user.enabled()), mfaEnabled(user.username()), user.userCreateDate()));
        }
        return new UserPage(users, response.paginationToken());
    }

    private boolean mfaEnabled(String username) {
        // ListUsers does not report MFA; AdminGetUser does.
        var user = call(() -> cognito.adminGetUser(b -> b.userPoolId(pool.userPoolId()).username(username)));
        return user.userMFASettingList() != null && user.userMFASettingList().contains("SOFTWARE_TOKEN_MFA");
    }

    public ManagedUser user(String username) {
        var user = call(() -> cognito.adminGetUser(b -> b.userPoolId(pool.userPoolId()).username(username)));
        boolean mfa = user.userMFASettingList() != null && user.userMFASettingList().contains("SOFTWARE_TOKEN_MFA");
        return managedUser(user.username(), user.userAttributes(), user.userStatusAsString(),
                Boolean.TRUE.equals(user.enabled()), mfa, user.userCreateDate());
    }

    /**
     * AdminCreateUser (Cognito e-mails a temporary password) and AdminAddUserToGroup with the
     * role's group, so that access tokens carry the role in {@code cognito:groups}. When the group
     * cannot be set the user is deleted again: a user whose group and role disagree must not exist.
     */
    public ManagedUser createUser(NewUser user) {
        List<AttributeType> attributes = new ArrayList<>(List.of(
                attribute("given_name", user.givenName()),
                attribute("family_name", user.familyName()),
                attribute("email", user.email()),
                attribute("email_verified", "true"),
                attribute("custom:role", user.role().value())));
        if (user.department() != null && !user.department().isBlank()) {
            attributes.add(attribute("custom:department", user.department()));
        }
        var created = call(() -> cognito.adminCreateUser(b -> b.userPoolId(pool.userPoolId()).username(user.email())
                .userAttributes(attributes).desiredDeliveryMediums(DeliveryMediumType.EMAIL))).user();
        try {
            call(() -> cognito.adminAddUserToGroup(b -> b.userPoolId(pool.userPoolId())
                    .username(created.username()).groupName(user.role().value())));
        } catch (RuntimeException e) {
            log.warn("could not put the new user into the group {}; deleting the user again", user.role().value());
            try {
                call(() -> cognito.adminDeleteUser(b -> b.userPoolId(pool.userPoolId()).username(created.username())));
            } catch (RuntimeException deletion) {
                e.addSuppressed(deletion);
            }
            throw e;
        }
        return managedUser(created.username(), created.attributes(), created.userStatusAsString(),
                Boolean.TRUE.equals(created.enabled()), false, created.userCreateDate());
    }

    public void disableUser(String username) {
        call(() -> cognito.adminDisableUser(b -> b.userPoolId(pool.userPoolId()).username(username)));
    }

    public void enableUser(String username) {
        call(() -> cognito.adminEnableUser(b -> b.userPoolId(pool.userPoolId()).username(username)));
    }

    public void resetPassword(String username) {
        call(() -> cognito.adminResetUserPassword(b -> b.userPoolId(pool.userPoolId()).username(username)));
    }

    public void deleteUser(String username) {
        call(() -> cognito.adminDeleteUser(b -> b.userPoolId(pool.userPoolId()).username(username)));
    }

    public List<String> groups(String username) {
        return call(() -> cognito.adminListGroupsForUser(b -> b.userPoolId(pool.userPoolId()).username(username)))
                .groups().stream().map(GroupType::groupName).toList();
    }

    /** The sub of the user with this e-mail address; empty when there is none. */
    public Optional<String> subOf(String email) {
        var users = call(() -> cognito.listUsers(b -> b.userPoolId(pool.userPoolId())
                .filter("email = \"" + email.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").limit(1))).users();
        return users.stream().findFirst().map(user -> attributes(user.attributes()).get("sub"));
    }

    /** The e-mail address of a user by sub, for tokens that do not carry it; empty when unknown. */
    public Optional<String> emailOf(String sub) {
        var users = call(() -> cognito.listUsers(b -> b.userPoolId(pool.userPoolId())
                .filter("sub = \"" + sub.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").limit(1))).users();
        return users.stream().findFirst().map(user -> attributes(user.attributes()).get("email"));
    }

    // --- helpers ------------------------------------------------------------------------------

    private static ManagedUser managedUser(String username, List<AttributeType> attributeList, String status,
                                           boolean enabled, boolean mfa, Instant created) {
        Map<String, String> attributes = attributes(attributeList);
        return new ManagedUser(username, attributes.get("sub"), attributes.get("given_name"),
                attributes.get("family_name"), attributes.get("email"),
                Role.fromValue(attributes.get("custom:role")).orElse(null), attributes.get("custom:department"),
                status, enabled, mfa, created);
    }

    private static Map<String, String> attributes(List<AttributeType> attributes) {
        Map<String, String> values = new HashMap<>();
        if (attributes != null) {
            attributes.forEach(attribute -> values.put(attribute.name(), attribute.value()));
        }
        return values;
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    /** SECRET_HASH = Base64(HMAC-SHA256(client secret, user name + client id)), when the client has a secret. */
    Optional<String> secretHash(String username) {
        if (pool.clientSecret() == null || pool.clientSecret().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(secretHash(pool.clientSecret(), username, pool.clientId()));
    }

    static String secretHash(String clientSecret, String username, String clientId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((username + clientId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (CognitoIdentityProviderException e) {
            throw translate(e);
        } catch (SdkClientException e) {
            throw new CognitoUnreachableException("The sign-in service did not answer; try again shortly.", e);
        }
    }

    /**
     * What Cognito itself answered behind a failure this gateway translated: its exception name
     * (e.g. {@code UsernameExistsException}) and request id. Empty when Cognito never answered.
     */
    static Optional<ServiceRefusal> serviceRefusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CognitoIdentityProviderException e && e.awsErrorDetails() != null
                    && e.awsErrorDetails().errorCode() != null) {
                return Optional.of(new ServiceRefusal(e.awsErrorDetails().errorCode(), e.requestId()));
            }
        }
        return Optional.empty();
    }

    /** Cognito's own code and request id (may be null) of a refusal. */
    record ServiceRefusal(String code, String requestId) {
    }

    /** Cognito's error codes and messages as the application's failure kinds. */
    static RuntimeException translate(CognitoIdentityProviderException e) {
        String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
        String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : "";
        return switch (code == null ? "" : code) {
            case "NotAuthorizedException" -> notAuthorized(message, e);
            case "UserNotFoundException" -> new UserNotFoundException("No such user.", e);
            case "PasswordResetRequiredException" -> new PasswordResetRequiredException(
                    "The password must be reset: use \"Forgot your password?\" or ask an administrator.", e);
            case "InvalidPasswordException" -> new PasswordPolicyException(passwordMessage(message), e);
            case "CodeMismatchException", "EnableSoftwareTokenMFAException" ->
                    new InvalidCodeException("The code is wrong.", e);
            case "ExpiredCodeException" -> new InvalidCodeException("The code has expired or was used already; ask for a new one.", e);
            case "UsernameExistsException", "AliasExistsException" ->
                    new UserExistsException("A user with this e-mail address exists already.", e);
            case "InvalidParameterException" -> new InvalidUserInputException(message.isBlank()
                    ? "Cognito refused the input." : message, e);
            case "TooManyRequestsException", "LimitExceededException", "TooManyFailedAttemptsException" ->
                    new TooManyAttemptsException("Too many attempts; wait a few minutes and try again.", e);
            case "UserNotConfirmedException" -> new AccountDisabledException("The account is not confirmed yet.", e);
            default -> new IdentityUnavailableException("The sign-in service failed (" + code + "); try again shortly.", e);
        };
    }

    private static RuntimeException notAuthorized(String message, Exception e) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("disabled")) {
            return new AccountDisabledException("This account is disabled. Ask an administrator.", e);
        }
        if (lower.contains("temporary password has expired")) {
            return new PasswordResetRequiredException(
                    "The temporary password has expired; an administrator must reset it.", e);
        }
        if (lower.contains("in the current state")) {
            // AdminResetUserPassword on a user who still has a temporary password: the admin's
            // request conflicts with the user's state; it is not the admin who is unauthorized
            return new UserStateConflictException(lower.contains("password")
                    ? "The password cannot be reset while the user still has to replace the temporary one; "
                    + "delete and create the user again to send a new temporary password."
                    : "Cognito refuses this in the user's current state.", e);
        }
        if (lower.contains("attempts exceeded")) {
            return new TooManyAttemptsException("Too many failed attempts; wait a few minutes and try again.", e);
        }
        if (lower.contains("session") && (lower.contains("expired") || lower.contains("invalid"))) {
            return new SignInExpiredException("This sign-in took too long; start again.", e);
        }
        if (lower.contains("revoked") || lower.contains("access token")) {
            return new SessionRevokedException("The session has ended; sign in again.", e);
        }
        if (lower.contains("incorrect username or password")) {
            return new IncorrectCredentialsException("Incorrect e-mail or password.", e);
        }
        // e.g. a wrong current password in ChangePassword, or a refresh token that is no longer valid
        return new IncorrectCredentialsException(message.isBlank() ? "Not authorized." : message, e);
    }

    private static String passwordMessage(String cognitoMessage) {
        int colon = cognitoMessage.indexOf(':');
        String reason = colon >= 0 ? cognitoMessage.substring(colon + 1).strip() : cognitoMessage;
        return "The password does not meet the policy" + (reason.isBlank() ? "." : ": " + reason)
                + " It needs at least 12 characters with an upper-case letter, a lower-case letter, a digit and a symbol.";
    }
}
