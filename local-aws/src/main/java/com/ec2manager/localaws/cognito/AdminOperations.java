package com.ec2manager.localaws.cognito;

import static com.ec2manager.localaws.cognito.Wire.attributeList;
import static com.ec2manager.localaws.cognito.Wire.epoch;
import static com.ec2manager.localaws.cognito.Wire.object;
import static com.ec2manager.localaws.cognito.Wire.requiredText;
import static com.ec2manager.localaws.cognito.Wire.strings;
import static com.ec2manager.localaws.cognito.Wire.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The IAM-authorized operations: describing the pool and its client, and administering users and
 * their groups.
 */
final class AdminOperations {

    private static final Map<String, String> GROUP_DESCRIPTIONS = Map.of(
            "admin", "May operate instances and administer users",
            "readonly", "May look at instances and the audit trail");

    private final UserPool pool;
    private final PaginationTokens paginationTokens = new PaginationTokens();

    AdminOperations(UserPool pool) {
        this.pool = pool;
    }

    ObjectNode listUserPools(JsonNode request) {
        JsonNode max = request.get("MaxResults");
        if (max == null || max.isNull()) {
            throw CognitoException.missing("MaxResults");
        }
        if (max.asInt() < 1 || max.asInt() > 60) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + max.asInt()
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60");
        }
        var settings = pool.settings;
        ObjectNode entry = object().put("Id", settings.userPoolId()).put("Name", settings.userPoolName());
        entry.set("LambdaConfig", object());
        entry.put("LastModifiedDate", epoch(pool.state().createdAt)).put("CreationDate", epoch(pool.state().createdAt));
        ObjectNode response = object();
        response.putArray("UserPools").add(entry);
        return response;
    }

    ObjectNode describeUserPool(JsonNode request) {
        pool.requirePool(text(request, "UserPoolId"));
        var settings = pool.settings;
        ObjectNode up = object();
        up.put("Id", settings.userPoolId()).put("Name", settings.userPoolName());
        PasswordPolicy policy = pool.policy;
        ObjectNode policies = up.putObject("Policies");
        policies.putObject("PasswordPolicy")
                .put("MinimumLength", policy.minimumLength())
                .put("RequireUppercase", policy.requireUppercase())
                .put("RequireLowercase", policy.requireLowercase())
                .put("RequireNumbers", policy.requireNumbers())
                .put("RequireSymbols", policy.requireSymbols())
                .put("TemporaryPasswordValidityDays", policy.temporaryPasswordValidityDays());
        policies.putObject("SignInPolicy").set("AllowedFirstAuthFactors", strings(List.of("PASSWORD")));
        up.put("DeletionProtection", "INACTIVE");
        up.set("LambdaConfig", object());
        up.put("LastModifiedDate", epoch(pool.state().createdAt)).put("CreationDate", epoch(pool.state().createdAt));
        ArrayNode schema = up.putArray("SchemaAttributes");
        for (PoolSchema.Attribute attribute : PoolSchema.attributes()) {
            ObjectNode a = schema.addObject()
                    .put("Name", attribute.name())
                    .put("AttributeDataType", attribute.dataType())
                    .put("DeveloperOnlyAttribute", false)
                    .put("Mutable", attribute.mutable())
                    .put("Required", attribute.required());
            if (attribute.dataType().equals("String")) {
                a.putObject("StringAttributeConstraints").put("MinLength", attribute.minLength()).put("MaxLength", attribute.maxLength());
            } else if (attribute.dataType().equals("Number")) {
                a.putObject("NumberAttributeConstraints").put("MinValue", "0");
            }
        }
        up.set("AutoVerifiedAttributes", strings(List.of("email")));
        up.putObject("VerificationMessageTemplate").put("DefaultEmailOption", "CONFIRM_WITH_CODE");
        up.putObject("UserAttributeUpdateSettings").set("AttributesRequireVerificationBeforeUpdate", strings(List.of()));
        up.put("MfaConfiguration", "OPTIONAL");
        up.put("EstimatedNumberOfUsers", pool.read(() -> pool.state().users.size()));
        up.putObject("EmailConfiguration").put("EmailSendingAccount", "COGNITO_DEFAULT");
        up.set("UserPoolTags", object());
        ObjectNode adminCreate = up.putObject("AdminCreateUserConfig").put("AllowAdminCreateUserOnly", true)
                .put("UnusedAccountValidityDays", policy.temporaryPasswordValidityDays());
        adminCreate.putObject("InviteMessageTemplate")
                .put("EmailMessage", "Your username is {username} and temporary password is {####}.")
                .put("EmailSubject", "Your temporary password");
        up.putObject("UsernameConfiguration").put("CaseSensitive", false);
        up.put("Arn", "arn:aws:cognito-idp:" + settings.region() + ":000000000000:userpool/" + settings.userPoolId());
        up.putObject("AccountRecoverySetting").putArray("RecoveryMechanisms").addObject()
                .put("Priority", 1).put("Name", "verified_email");
        up.put("UserPoolTier", "ESSENTIALS");
        ObjectNode response = object();
        response.set("UserPool", up);
        return response;
    }

    ObjectNode listUserPoolClients(JsonNode request) {
        pool.requirePool(text(request, "UserPoolId"));
        ObjectNode response = object();
        response.putArray("UserPoolClients").addObject()
                .put("ClientId", pool.settings.clientId())
                .put("UserPoolId", pool.settings.userPoolId())
                .put("ClientName", pool.settings.clientName());
        return response;
    }

    ObjectNode describeUserPoolClient(JsonNode request) {
        pool.requirePool(text(request, "UserPoolId"));
        pool.requireClient(text(request, "ClientId"));
        var settings = pool.settings;
        ObjectNode client = object()
                .put("UserPoolId", settings.userPoolId())
                .put("ClientName", settings.clientName())
                .put("ClientId", settings.clientId());
        if (settings.clientSecret() != null) {
            client.put("ClientSecret", settings.clientSecret());
        }
        client.put("LastModifiedDate", epoch(pool.state().createdAt)).put("CreationDate", epoch(pool.state().createdAt))
                .put("RefreshTokenValidity", settings.refreshTokenValidity().toDays())
                .put("AccessTokenValidity", settings.accessTokenValidity().toMinutes())
                .put("IdTokenValidity", settings.idTokenValidity().toMinutes());
        client.putObject("TokenValidityUnits").put("AccessToken", "minutes").put("IdToken", "minutes").put("RefreshToken", "days");
        List<String> readable = PoolSchema.attributes().stream().map(PoolSchema.Attribute::name).filter(n -> !n.equals("sub")).toList();
        client.set("ReadAttributes", strings(readable));
        client.set("WriteAttributes", strings(PoolSchema.attributes().stream()
                .filter(PoolSchema.Attribute::mutable).map(PoolSchema.Attribute::name)
                .filter(n -> !n.endsWith("_verified")).toList()));
        client.set("ExplicitAuthFlows", strings(List.of("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")));
        client.put("AllowedOAuthFlowsUserPoolClient", false)
                .put("PreventUserExistenceErrors", "ENABLED")
                .put("EnableTokenRevocation", true)
                .put("EnablePropagateAdditionalUserContextData", false)
                .put("AuthSessionValidity", settings.sessionValidity().toMinutes());
        ObjectNode response = object();
        response.set("UserPoolClient", client);
        return response;
    }

    ObjectNode adminCreateUser(JsonNode request) {
        pool.requirePool(text(request, "UserPoolId"));
        String username = requiredText(request, "Username");
        String action = text(request, "MessageAction");
        if (action != null && !action.equals("SUPPRESS") && !action.equals("RESEND")) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + action
                    + "' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [RESEND, SUPPRESS]");
        }
        JsonNode mediums = request.get("DesiredDeliveryMediums");
        if (mediums != null && mediums.isArray()) {
            for (JsonNode medium : mediums) {
                if (medium.asString().equals("SMS")) {
                    throw CognitoException.invalidParameter("User has no attribute matching desired delivery mediums");
                }
                if (!medium.asString().equals("EMAIL")) {
                    throw CognitoException.invalidParameter("1 validation error detected: Value '[" + medium.asString()
                            + "]' at 'desiredDeliveryMediums' failed to satisfy constraint: Member must satisfy enum value set: [SMS, EMAIL]");
                }
            }
        }
        String given = text(request, "TemporaryPassword");
        if (given != null) {
            pool.policy.check(given);
        }
        Map<String, String> attributes = Wire.attributes(request, "UserAttributes");
        return pool.change(() -> {
            PoolUser user;
            String temporary = given != null ? given : pool.generateTemporaryPassword();
            if ("RESEND".equals(action)) {
                user = pool.require(username);
                if (!PoolUser.FORCE_CHANGE_PASSWORD.equals(user.status)) {
                    throw new CognitoException("UnsupportedUserStateException",
                            "Resend not possible. " + user.username + " status is not FORCE_CHANGE_PASSWORD.");
                }
                pool.setPassword(user, temporary, PoolUser.FORCE_CHANGE_PASSWORD);
            } else {
                if (pool.find(username) != null) {
                    throw new CognitoException("UsernameExistsException", "User account already exists");
                }
                PoolSchema.checkNew(attributes);
                user = new PoolUser();
                user.username = username;
                user.sub = UUID.randomUUID().toString();
                attributes.forEach((name, value) -> {
                    if (value != null) {
                        user.attributes.put(name, name.endsWith("_verified") ? value.toLowerCase() : value);
                    }
                });
                user.createdAt = pool.now();
                pool.setPassword(user, temporary, PoolUser.FORCE_CHANGE_PASSWORD);
                pool.add(user);
            }
            if (!"SUPPRESS".equals(action)) {
                pool.sendInvitation(user, temporary);
            }
            ObjectNode response = object();
            response.set("User", listEntry(user, null));
            return response;
        });
    }

    ObjectNode adminGetUser(JsonNode request) {
        pool.requirePool(text(request, "UserPoolId"));
        return pool.read(() -> {
            PoolUser user = pool.require(text(request, "Username"));
            ObjectNode response = object().put("Username", user.username);
            response.set("UserAttributes", attributeList(attributesOf(user)));
            response.put("UserCreateDate", epoch(user.createdAt))
                    .put("UserLastModifiedDate", epoch(user.lastModifiedAt))
                    .put("Enabled", user.enabled)
                    .put("UserStatus", user.status);
            mfa(user, response);
            return response;
        });
    }

    ObjectNode listUsers(JsonNode request) {
        pool.requirePool(text(request, "UserPoolId"));
        JsonNode limitNode = request.get("Limit");
        int limit = limitNode == null || limitNode.isNull() ? 60 : limitNode.asInt();
        if (limit < 0 || limit > 60) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60");
        }
        if (limit == 0) {
            limit = 60;
        }
        Predicate<PoolUser> filter = UserFilter.parse(text(request, "Filter"));
        String after = paginationTokens.open(text(request, "PaginationToken"));
        List<String> wanted = null;
        JsonNode toGet = request.get("AttributesToGet");
        if (toGet != null && toGet.isArray()) {
            wanted = new ArrayList<>();
            for (JsonNode name : toGet) {
                wanted.add(name.asString());
            }
        }
        List<String> attributesToGet = wanted;
        int pageSize = limit;
        return pool.read(() -> {
            var candidates = after == null ? pool.state().users : pool.state().users.tailMap(after, false);
            ArrayNode users = Wire.NODES.arrayNode();
            String last = null;
            boolean more = false;
            for (var entry : candidates.entrySet()) {
                if (!filter.test(entry.getValue())) {
                    continue;
                }
                if (users.size() == pageSize) {
                    more = true;
                    break;
                }
                users.add(listEntry(entry.getValue(), attributesToGet));
                last = entry.getKey();
            }
            ObjectNode response = object();
            response.set("Users", users);
            if (more) {
                response.put("PaginationToken", paginationTokens.seal(last));
            }
            return response;
        });
    }

    ObjectNode adminDisableUser(JsonNode request) {
        pool.requirePool(text(request, "UserPoolId"));
        return pool.change(() -> {
            PoolUser user = pool.require(text(request, "Username"));
            user.enabled = false;
            pool.revokeAllGrants(user); // Cognito revokes the user's tokens when it deactivates the user
            pool.touch(user);
            return object();
        });
    }

    ObjectNode adminEnableUser(JsonNode request) {
        pool.requirePool(text(request, "UserPoolId"));
        return pool.change(() -> {
            PoolUser user = pool.require(text(request, "Username"));
            user.enabled = true;
            pool.touch(user);
            return object();
        });
    }

    ObjectNode adminDeleteUser(JsonNode request) {
        pool.requirePool(text(request, "UserPoolId"));
        return pool.change(() -> {
            pool.remove(pool.require(text(request, "Username")));
            return object();
        });
    }

    ObjectNode adminResetUserPassword(JsonNode request) {
        pool.requirePool(text(request, "UserPoolId"));
        return pool.change(() -> {
            PoolUser user = pool.require(text(request, "Username"));
            if (PoolUser.FORCE_CHANGE_PASSWORD.equals(user.status)) {
                throw CognitoException.notAuthorized("User password cannot be reset in the current state.");
            }
            if (user.email() == null || !user.emailVerified()) {
                throw CognitoException.invalidParameter(
                        "Cannot reset password for the user as there is no registered/verified email or phone_number");
            }
            user.status = PoolUser.RESET_REQUIRED;
            pool.touch(user);
            pool.sendResetCode(user);
            return object();
        });
    }

    ObjectNode adminSetUserPassword(JsonNode request) {
        pool.requirePool(text(request, "UserPoolId"));
        String password = requiredText(request, "Password");
        boolean permanent = request.path("Permanent").asBoolean(false);
        pool.policy.check(password);
        return pool.change(() -> {
            PoolUser user = pool.require(text(request, "Username"));
            pool.setPassword(user, password, permanent ? PoolUser.CONFIRMED : PoolUser.FORCE_CHANGE_PASSWORD);
            return object();
        });
    }

    ObjectNode adminUpdateUserAttributes(JsonNode request) {
        pool.requirePool(text(request, "UserPoolId"));
        Map<String, String> updates = Wire.attributes(request, "UserAttributes");
        if (request.get("UserAttributes") == null) {
            throw CognitoException.missing("UserAttributes");
        }
        return pool.change(() -> {
            PoolUser user = pool.require(text(request, "Username"));
            PoolSchema.checkUpdate(updates);
            updates.forEach((name, value) -> {
                if (value == null || value.isEmpty()) {
                    user.attributes.remove(name);
                } else {
                    user.attributes.put(name, name.endsWith("_verified") ? value.toLowerCase() : value);
                }
            });
            pool.touch(user);
            return object();
        });
    }

    ObjectNode adminAddUserToGroup(JsonNode request) {
        return changeGroup(request, true);
    }

    ObjectNode adminRemoveUserFromGroup(JsonNode request) {
        return changeGroup(request, false);
    }

    private ObjectNode changeGroup(JsonNode request, boolean add) {
        pool.requirePool(text(request, "UserPoolId"));
        String group = requiredText(request, "GroupName");
        return pool.change(() -> {
            PoolUser user = pool.require(text(request, "Username"));
            if (!PoolSchema.GROUPS.contains(group)) {
                throw CognitoException.resourceNotFound("Group not found.");
            }
            if (add) {
                user.groups.add(group);
            } else {
                user.groups.remove(group);
            }
            return object();
        });
    }

    ObjectNode adminListGroupsForUser(JsonNode request) {
        pool.requirePool(text(request, "UserPoolId"));
        return pool.read(() -> {
            PoolUser user = pool.require(text(request, "Username"));
            ObjectNode response = object();
            ArrayNode groups = response.putArray("Groups");
            user.groups.forEach(g -> groups.add(group(g)));
            return response;
        });
    }

    ObjectNode listGroups(JsonNode request) {
        pool.requirePool(text(request, "UserPoolId"));
        ObjectNode response = object();
        ArrayNode groups = response.putArray("Groups");
        PoolSchema.GROUPS.forEach(g -> groups.add(group(g)));
        return response;
    }

    ObjectNode listUsersInGroup(JsonNode request) {
        pool.requirePool(text(request, "UserPoolId"));
        String group = requiredText(request, "GroupName");
        if (!PoolSchema.GROUPS.contains(group)) {
            throw CognitoException.resourceNotFound("Group not found.");
        }
        return pool.read(() -> {
            ObjectNode response = object();
            ArrayNode users = response.putArray("Users");
            pool.state().users.values().stream().filter(u -> u.groups.contains(group)).forEach(u -> users.add(listEntry(u, null)));
            return response;
        });
    }

    ObjectNode adminUserGlobalSignOut(JsonNode request) {
        pool.requirePool(text(request, "UserPoolId"));
        return pool.change(() -> {
            pool.revokeAllGrants(pool.require(text(request, "Username")));
            return object();
        });
    }

    private ObjectNode group(String name) {
        return object().put("GroupName", name)
                .put("UserPoolId", pool.settings.userPoolId())
                .put("Description", GROUP_DESCRIPTIONS.get(name))
                .put("Precedence", PoolSchema.GROUPS.indexOf(name) + 1)
                .put("LastModifiedDate", epoch(pool.state().createdAt))
                .put("CreationDate", epoch(pool.state().createdAt));
    }

    private static ObjectNode listEntry(PoolUser user, List<String> attributesToGet) {
        Map<String, String> attributes = attributesOf(user);
        if (attributesToGet != null) {
            attributes.keySet().retainAll(attributesToGet);
        }
        ObjectNode entry = object().put("Username", user.username);
        entry.set("Attributes", attributeList(attributes));
        entry.put("UserCreateDate", epoch(user.createdAt))
                .put("UserLastModifiedDate", epoch(user.lastModifiedAt))
                .put("Enabled", user.enabled)
                .put("UserStatus", user.status);
        return entry;
    }

    /** The attributes as Cognito lists them: sub first. */
    static Map<String, String> attributesOf(PoolUser user) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("sub", user.sub);
        attributes.putAll(user.attributes);
        return attributes;
    }

    static void mfa(PoolUser user, ObjectNode response) {
        if (user.totpEnabled) {
            response.set("UserMFASettingList", strings(List.of("SOFTWARE_TOKEN_MFA")));
            if (user.totpPreferred) {
                response.put("PreferredMfaSetting", "SOFTWARE_TOKEN_MFA");
            }
        }
    }

}
