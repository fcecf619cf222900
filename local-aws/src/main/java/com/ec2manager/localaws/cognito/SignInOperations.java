package com.ec2manager.localaws.cognito;

import static com.ec2manager.localaws.cognito.Wire.attributeList;
import static com.ec2manager.localaws.cognito.Wire.object;
import static com.ec2manager.localaws.cognito.Wire.requiredText;
import static com.ec2manager.localaws.cognito.Wire.text;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The public operations a person's client calls without AWS credentials: sign-in and its
 * challenges, password recovery and change, the current user, sign-out and TOTP enrolment.
 */
final class SignInOperations {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserPool pool;
    private final ObjectMapper json;

    SignInOperations(UserPool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    ObjectNode initiateAuth(JsonNode request) {
        String flow = requiredText(request, "AuthFlow");
        pool.requireClient(text(request, "ClientId"));
        Map<String, String> parameters = Wire.map(request, "AuthParameters");
        return switch (flow) {
            case "USER_PASSWORD_AUTH" -> userPasswordAuth(parameters);
            case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> refreshTokenAuth(parameters);
            case "USER_SRP_AUTH", "CUSTOM_AUTH", "USER_AUTH", "ADMIN_NO_SRP_AUTH", "ADMIN_USER_PASSWORD_AUTH" ->
                    throw CognitoException.invalidParameter(flow.replace("_AUTH", "") + " flow not enabled for this client");
            default -> throw CognitoException.invalidParameter("1 validation error detected: Value '" + flow
                    + "' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, ADMIN_NO_SRP_AUTH, "
                    + "USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_AUTH]");
        };
    }

    private ObjectNode userPasswordAuth(Map<String, String> parameters) {
        String username = parameters.get("USERNAME");
        if (username == null) {
            throw CognitoException.invalidParameter("Missing required parameter USERNAME");
        }
        if (parameters.get("PASSWORD") == null) {
            throw CognitoException.invalidParameter("Missing required parameter PASSWORD");
        }
        pool.requireSecretHash(username, parameters.get("SECRET_HASH"));
        UserPool.PasswordCheck precomputed = pool.precheck(username, parameters.get("PASSWORD"));
        return pool.change(() -> {
            PoolUser user = pool.find(username);
            if (user == null) {
                throw CognitoException.notAuthorized("Incorrect username or password.");
            }
            pool.checkPassword(user, parameters.get("PASSWORD"), precomputed);
            if (!user.enabled) {
                throw CognitoException.notAuthorized("User is disabled.");
            }
            if (PoolUser.RESET_REQUIRED.equals(user.status)) {
                throw new CognitoException("PasswordResetRequiredException", "Password reset required for the user");
            }
            if (PoolUser.FORCE_CHANGE_PASSWORD.equals(user.status)) {
                if (pool.temporaryPasswordExpired(user)) {
                    throw CognitoException.notAuthorized(
                            "Temporary password has expired and must be reset by an administrator.");
                }
                return newPasswordChallenge(user);
            }
            return afterPassword(user);
        });
    }

    /** After the password (and a new one, if it was temporary): the MFA challenge or the tokens. */
    private ObjectNode afterPassword(PoolUser user) {
        if (user.totpEnabled) {
            ObjectNode response = object().put("ChallengeName", UserPool.SOFTWARE_TOKEN_MFA)
                    .put("Session", pool.openSession(user, UserPool.SOFTWARE_TOKEN_MFA));
            response.putObject("ChallengeParameters").put("USER_ID_FOR_SRP", user.username);
            return response;
        }
        return tokens(pool.signIn(user));
    }

    private ObjectNode newPasswordChallenge(PoolUser user) {
        Map<String, String> visible = new LinkedHashMap<>(user.attributes);
        List<String> missing = new ArrayList<>();
        for (String name : PoolSchema.requiredOnCreate()) {
            if (user.attributes.get(name) == null) {
                missing.add("userAttributes." + name);
            }
        }
        ObjectNode response = object().put("ChallengeName", UserPool.NEW_PASSWORD_REQUIRED)
                .put("Session", pool.openSession(user, UserPool.NEW_PASSWORD_REQUIRED));
        response.putObject("ChallengeParameters")
                .put("USER_ID_FOR_SRP", user.username)
                .put("requiredAttributes", json.writeValueAsString(missing))
                .put("userAttributes", json.writeValueAsString(visible));
        return response;
    }

    private ObjectNode refreshTokenAuth(Map<String, String> parameters) {
        String refreshToken = parameters.get("REFRESH_TOKEN");
        if (refreshToken == null) {
            throw CognitoException.invalidParameter("Missing required parameter REFRESH_TOKEN");
        }
        return pool.change(() -> {
            TokenGrant grant = pool.grantOfRefreshToken(refreshToken);
            if (grant == null || !pool.now().isBefore(grant.expiresAt)) {
                throw CognitoException.notAuthorized("Invalid Refresh Token");
            }
            PoolUser user = pool.find(grant.username);
            // with a secret, Cognito computes SECRET_HASH over the username the client names
            pool.requireSecretHash(parameters.getOrDefault("USERNAME", grant.username), parameters.get("SECRET_HASH"));
            if (grant.revoked) {
                throw CognitoException.notAuthorized("Refresh Token has been revoked");
            }
            if (user == null) {
                throw CognitoException.notAuthorized("Invalid Refresh Token");
            }
            if (!user.enabled) {
                throw CognitoException.notAuthorized("User is disabled.");
            }
            TokenIssuer.Tokens issued = pool.tokens.issue(user, grant, pool.now());
            // a refresh keeps the refresh token it was given: none in the answer
            return tokens(issued.accessToken(), issued.idToken(), null);
        });
    }

    ObjectNode respondToAuthChallenge(JsonNode request) {
        pool.requireClient(text(request, "ClientId"));
        String challenge = requiredText(request, "ChallengeName");
        String sessionId = text(request, "Session");
        Map<String, String> responses = Wire.map(request, "ChallengeResponses");
        String username = responses.get("USERNAME");
        if (username == null) {
            throw CognitoException.invalidParameter("Missing required parameter USERNAME");
        }
        pool.requireSecretHash(username, responses.get("SECRET_HASH"));
        return pool.change(() -> {
            UserPool.ChallengeSession session = pool.session(sessionId);
            PoolUser user = pool.find(username);
            if (user == null || !user.username.equals(session.username)) {
                throw CognitoException.notAuthorized("Invalid session for the user.");
            }
            if (!session.challenge.equals(challenge)) {
                throw CognitoException.invalidParameter("Invalid challenge name " + challenge + " for the session.");
            }
            if (!user.enabled) {
                throw CognitoException.notAuthorized("User is disabled.");
            }
            return switch (challenge) {
                case UserPool.NEW_PASSWORD_REQUIRED -> completeNewPassword(user, sessionId, responses);
                case UserPool.SOFTWARE_TOKEN_MFA -> completeMfa(user, sessionId, session, responses);
                default -> throw CognitoException.invalidParameter("Unsupported challenge " + challenge);
            };
        });
    }

    private ObjectNode completeNewPassword(PoolUser user, String sessionId, Map<String, String> responses) {
        String password = responses.get("NEW_PASSWORD");
        if (password == null) {
            throw CognitoException.invalidParameter("Missing required parameter NEW_PASSWORD");
        }
        Map<String, String> updates = new LinkedHashMap<>();
        responses.forEach((name, value) -> {
            if (name.startsWith("userAttributes.")) {
                updates.put(name.substring("userAttributes.".length()), value);
            }
        });
        // the client echoes the attributes it was given; unchanged immutable ones are not updates
        updates.entrySet().removeIf(e -> e.getValue() != null && e.getValue().equals(user.attributes.get(e.getKey())));
        PoolSchema.checkUpdate(updates);
        for (String name : PoolSchema.requiredOnCreate()) {
            if (user.attributes.get(name) == null && (updates.get(name) == null || updates.get(name).isBlank())) {
                throw CognitoException.invalidParameter("Invalid attributes given, " + name + " is missing");
            }
        }
        pool.policy.check(password);
        updates.forEach(user.attributes::put);
        pool.setPassword(user, password, PoolUser.CONFIRMED);
        pool.closeSession(sessionId);
        return afterPassword(user);
    }

    private ObjectNode completeMfa(PoolUser user, String sessionId, UserPool.ChallengeSession session,
                                   Map<String, String> responses) {
        String code = responses.get("SOFTWARE_TOKEN_MFA_CODE");
        if (code == null) {
            throw CognitoException.invalidParameter("Missing required parameter SOFTWARE_TOKEN_MFA_CODE");
        }
        pool.requireNotLocked(user);
        if (!pool.acceptTotp(user, user.totpSecret, code)) {
            // wrong codes count toward the same lock-out as wrong passwords, across sign-ins
            pool.countFailure(user);
            if (++session.failures >= 3) {
                pool.closeSession(sessionId);
            }
            throw new CognitoException("CodeMismatchException", "Invalid code received for user");
        }
        pool.signInSucceeded(user);
        pool.closeSession(sessionId);
        return tokens(pool.signIn(user));
    }

    ObjectNode forgotPassword(JsonNode request) {
        pool.requireClient(text(request, "ClientId"));
        String username = requiredText(request, "Username");
        pool.requireSecretHash(username, text(request, "SecretHash"));
        return pool.change(() -> {
            PoolUser user = pool.find(username);
            if (user == null) {
                // user existence errors are prevented: answer as if a code went out
                return delivery(UserPool.maskedEmail(username.contains("@") ? username : username + "@example.com"));
            }
            if (!user.enabled) {
                throw CognitoException.notAuthorized("User is disabled.");
            }
            if (PoolUser.FORCE_CHANGE_PASSWORD.equals(user.status)) {
                throw CognitoException.notAuthorized("User password cannot be reset in the current state.");
            }
            if (user.email() == null || !user.emailVerified()) {
                throw CognitoException.invalidParameter(
                        "Cannot reset password for the user as there is no registered/verified email or phone_number");
            }
            pool.sendResetCode(user);
            return delivery(UserPool.maskedEmail(user.email()));
        });
    }

    private static ObjectNode delivery(String destination) {
        ObjectNode response = object();
        response.putObject("CodeDeliveryDetails")
                .put("Destination", destination)
                .put("DeliveryMedium", "EMAIL")
                .put("AttributeName", "email");
        return response;
    }

    ObjectNode confirmForgotPassword(JsonNode request) {
        pool.requireClient(text(request, "ClientId"));
        String username = requiredText(request, "Username");
        String code = requiredText(request, "ConfirmationCode");
        String password = requiredText(request, "Password");
        pool.requireSecretHash(username, text(request, "SecretHash"));
        return pool.change(() -> {
            PoolUser user = pool.find(username);
            CognitoException mismatch = new CognitoException("CodeMismatchException",
                    "Invalid verification code provided, please try again.");
            if (user == null) {
                throw mismatch;
            }
            if (user.resetCode == null || !pool.now().isBefore(user.resetCodeExpiresAt)) {
                throw new CognitoException("ExpiredCodeException", "Invalid code provided, please request a code again.");
            }
            if (!java.security.MessageDigest.isEqual(user.resetCode.getBytes(), code.getBytes())) {
                if (++user.resetCodeFailures >= 5) {
                    user.resetCode = null; // a guessed code is worth nothing after five tries
                    throw new CognitoException("LimitExceededException", "Attempt limit exceeded, please try after some time.");
                }
                throw mismatch;
            }
            pool.policy.check(password);
            pool.setPassword(user, password, PoolUser.CONFIRMED);
            return object();
        });
    }

    ObjectNode changePassword(JsonNode request) {
        String previous = requiredText(request, "PreviousPassword");
        String proposed = requiredText(request, "ProposedPassword");
        String accessToken = requiredText(request, "AccessToken");
        return pool.change(() -> {
            PoolUser user = pool.userOfAccessToken(accessToken);
            pool.checkPassword(user, previous);
            pool.policy.check(proposed);
            pool.setPassword(user, proposed, PoolUser.CONFIRMED);
            return object();
        });
    }

    ObjectNode getUser(JsonNode request) {
        String accessToken = requiredText(request, "AccessToken");
        return pool.read(() -> {
            PoolUser user = pool.userOfAccessToken(accessToken);
            ObjectNode response = object().put("Username", user.username);
            response.set("UserAttributes", attributeList(AdminOperations.attributesOf(user)));
            AdminOperations.mfa(user, response);
            return response;
        });
    }

    ObjectNode globalSignOut(JsonNode request) {
        String accessToken = requiredText(request, "AccessToken");
        return pool.change(() -> {
            pool.revokeAllGrants(pool.userOfAccessToken(accessToken));
            return object();
        });
    }

    ObjectNode revokeToken(JsonNode request) {
        String token = requiredText(request, "Token");
        pool.requireClient(text(request, "ClientId"));
        String secret = pool.settings.clientSecret();
        if (secret != null && !secret.equals(text(request, "ClientSecret"))) {
            throw CognitoException.notAuthorized("Client secret is missing or incorrect.");
        }
        return pool.change(() -> {
            TokenGrant grant = pool.grantOfRefreshToken(token);
            if (grant == null && token.chars().filter(c -> c == '.').count() == 2) {
                throw new CognitoException("UnsupportedTokenTypeException", "Unsupported token type.");
            }
            if (grant != null) {
                grant.revoked = true; // and with it every access and ID token carrying its origin_jti
            }
            return object();
        });
    }

    ObjectNode associateSoftwareToken(JsonNode request) {
        String accessToken = text(request, "AccessToken");
        String sessionId = text(request, "Session");
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        String secretCode = Base32.encode(secret);
        return pool.change(() -> {
            PoolUser user = enrollingUser(accessToken, sessionId);
            user.pendingTotpSecret = secretCode;
            ObjectNode response = object().put("SecretCode", secretCode);
            if (accessToken == null) {
                response.put("Session", reopen(user, sessionId));
            }
            return response;
        });
    }

    ObjectNode verifySoftwareToken(JsonNode request) {
        String accessToken = text(request, "AccessToken");
        String sessionId = text(request, "Session");
        String code = requiredText(request, "UserCode");
        return pool.change(() -> {
            PoolUser user = enrollingUser(accessToken, sessionId);
            if (user.pendingTotpSecret == null) {
                throw CognitoException.invalidParameter("User has not associated a software token.");
            }
            if (!pool.acceptTotp(user, user.pendingTotpSecret, code)) {
                throw new CognitoException("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA");
            }
            user.totpSecret = user.pendingTotpSecret;
            user.pendingTotpSecret = null;
            pool.touch(user);
            ObjectNode response = object().put("Status", "SUCCESS");
            if (accessToken == null) {
                response.put("Session", reopen(user, sessionId));
            }
            return response;
        });
    }

    ObjectNode setUserMfaPreference(JsonNode request) {
        String accessToken = requiredText(request, "AccessToken");
        JsonNode sms = request.get("SMSMfaSettings");
        if (sms != null && sms.path("Enabled").asBoolean(false)) {
            throw CognitoException.invalidParameter("SMS MFA is not enabled for this user pool.");
        }
        JsonNode email = request.get("EmailMfaSettings");
        if (email != null && email.path("Enabled").asBoolean(false)) {
            throw CognitoException.invalidParameter("Email MFA is not enabled for this user pool.");
        }
        JsonNode totp = request.get("SoftwareTokenMfaSettings");
        return pool.change(() -> {
            PoolUser user = pool.userOfAccessToken(accessToken);
            if (totp != null && !totp.isNull()) {
                boolean enabled = totp.path("Enabled").asBoolean(false);
                boolean preferred = totp.path("PreferredMfa").asBoolean(false);
                if ((enabled || preferred) && user.totpSecret == null) {
                    throw CognitoException.invalidParameter("User has not verified software token mfa");
                }
                user.totpEnabled = enabled || preferred;
                user.totpPreferred = user.totpEnabled && (preferred || enabled);
                pool.touch(user);
            }
            return object();
        });
    }

    private PoolUser enrollingUser(String accessToken, String sessionId) {
        if (accessToken != null) {
            return pool.userOfAccessToken(accessToken);
        }
        if (sessionId == null) {
            throw CognitoException.invalidParameter("Either AccessToken or Session must be given.");
        }
        return pool.require(pool.session(sessionId).username);
    }

    private String reopen(PoolUser user, String sessionId) {
        UserPool.ChallengeSession old = pool.session(sessionId);
        pool.closeSession(sessionId);
        return pool.openSession(user, old.challenge);
    }

    private ObjectNode tokens(UserPool.SignedIn signedIn) {
        return tokens(signedIn.accessToken(), signedIn.idToken(), signedIn.refreshToken());
    }

    /** An AuthenticationResult; {@code refreshToken} null leaves it out. */
    private ObjectNode tokens(String accessToken, String idToken, String refreshToken) {
        ObjectNode response = object();
        response.putObject("ChallengeParameters");
        ObjectNode result = response.putObject("AuthenticationResult")
                .put("AccessToken", accessToken)
                .put("ExpiresIn", pool.settings.accessTokenValidity().toSeconds())
                .put("TokenType", "Bearer");
        if (refreshToken != null) {
            result.put("RefreshToken", refreshToken);
        }
        result.put("IdToken", idToken);
        return response;
    }
}
