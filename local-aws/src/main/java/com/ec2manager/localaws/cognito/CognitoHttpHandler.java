package com.ec2manager.localaws.cognito;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire: {@code POST /} with {@code X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>}
 * and a JSON 1.1 body; errors as HTTP 400 with {@code __type} and {@code message}; beside it the
 * pool's JWKS and OpenID configuration and the outbox pages.
 */
final class CognitoHttpHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(CognitoHttpHandler.class);
    private static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";
    private static final String JSON_11 = "application/x-amz-json-1.1";

    /** Operations Cognito serves without IAM credentials (the SDK sends them unsigned). */
    static final Set<String> PUBLIC_OPERATIONS = Set.of("InitiateAuth", "RespondToAuthChallenge", "ForgotPassword",
            "ConfirmForgotPassword", "ChangePassword", "GetUser", "GlobalSignOut", "RevokeToken",
            "AssociateSoftwareToken", "VerifySoftwareToken", "SetUserMFAPreference");

    private final Map<String, Function<JsonNode, ObjectNode>> operations = new HashMap<>();
    /** Faults met by every call of an operation until healed. */
    final Map<String, CognitoFault> faults = new ConcurrentHashMap<>();
    /** Faults for the next calls of an operation, with how many calls are left. */
    final Map<String, CountedFault> nextFaults = new ConcurrentHashMap<>();
    /** Operations that act and then answer only after a stall. */
    final Map<String, java.time.Duration> stallsAfterActing = new ConcurrentHashMap<>();
    private final UserPool pool;
    private final ObjectMapper json;
    private final OutboxPages outboxPages;
    private final String wellKnownPrefix;

    CognitoHttpHandler(UserPool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
        this.outboxPages = new OutboxPages(pool.outbox, json);
        this.wellKnownPrefix = "/" + pool.settings.userPoolId() + "/.well-known/";
        AdminOperations admin = new AdminOperations(pool);
        SignInOperations signIn = new SignInOperations(pool, json);
        operations.put("ListUserPools", admin::listUserPools);
        operations.put("DescribeUserPool", admin::describeUserPool);
        operations.put("ListUserPoolClients", admin::listUserPoolClients);
        operations.put("DescribeUserPoolClient", admin::describeUserPoolClient);
        operations.put("AdminCreateUser", admin::adminCreateUser);
        operations.put("AdminGetUser", admin::adminGetUser);
        operations.put("ListUsers", admin::listUsers);
        operations.put("AdminDisableUser", admin::adminDisableUser);
        operations.put("AdminEnableUser", admin::adminEnableUser);
        operations.put("AdminDeleteUser", admin::adminDeleteUser);
        operations.put("AdminResetUserPassword", admin::adminResetUserPassword);
        operations.put("AdminSetUserPassword", admin::adminSetUserPassword);
        operations.put("AdminUpdateUserAttributes", admin::adminUpdateUserAttributes);
        operations.put("AdminAddUserToGroup", admin::adminAddUserToGroup);
        operations.put("AdminRemoveUserFromGroup", admin::adminRemoveUserFromGroup);
        operations.put("AdminListGroupsForUser", admin::adminListGroupsForUser);
        operations.put("AdminUserGlobalSignOut", admin::adminUserGlobalSignOut);
        operations.put("ListGroups", admin::listGroups);
        operations.put("ListUsersInGroup", admin::listUsersInGroup);
        operations.put("InitiateAuth", signIn::initiateAuth);
        operations.put("RespondToAuthChallenge", signIn::respondToAuthChallenge);
        operations.put("ForgotPassword", signIn::forgotPassword);
        operations.put("ConfirmForgotPassword", signIn::confirmForgotPassword);
        operations.put("ChangePassword", signIn::changePassword);
        operations.put("GetUser", signIn::getUser);
        operations.put("GlobalSignOut", signIn::globalSignOut);
        operations.put("RevokeToken", signIn::revokeToken);
        operations.put("AssociateSoftwareToken", signIn::associateSoftwareToken);
        operations.put("VerifySoftwareToken", signIn::verifySoftwareToken);
        operations.put("SetUserMFAPreference", signIn::setUserMfaPreference);
    }

    record CountedFault(CognitoFault fault, AtomicInteger left) {
    }

    /** The names of the operations served, for the README and the tests. */
    Set<String> operationNames() {
        return Set.copyOf(operations.keySet());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (method.equals("POST") && path.equals("/")) {
                api(exchange);
            } else if (method.equals("GET") && path.equals(wellKnownPrefix + "jwks.json")) {
                send(exchange, 200, "application/json", pool.tokens.jwksJson());
            } else if (method.equals("GET") && path.equals(wellKnownPrefix + "openid-configuration")) {
                send(exchange, 200, "application/json", openIdConfiguration(exchange.getLocalAddress().getPort()));
            } else if (method.equals("GET") && path.equals("/outbox")) {
                send(exchange, 200, "text/html; charset=utf-8", outboxPages.html());
            } else if (method.equals("GET") && path.equals("/outbox.json")) {
                send(exchange, 200, "application/json", outboxPages.json());
            } else {
                send(exchange, 404, "application/json", "{\"message\":\"Not Found\"}");
            }
        } catch (IOException e) {
            log.debug("a client went away before its answer was sent", e);
        }
    }

    private void api(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : null;
        try {
            var handler = operation == null ? null : operations.get(operation);
            if (handler == null) {
                throw new CognitoException("UnknownOperationException", null);
            }
            String signedRegion = PUBLIC_OPERATIONS.contains(operation) ? null
                    : SigV4Header.check(exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders());
            JsonNode request = parse(exchange.getRequestBody().readAllBytes());
            if (signedRegion != null && !signedRegion.equals(pool.settings.region())) {
                if (operation.equals("ListUserPools")) { // another region's pools: none here
                    send(exchange, 200, JSON_11, "{\"UserPools\":[]}");
                    return;
                }
                throw absentFromRegion(request);
            }
            injectFault(operation);
            ObjectNode response = handler.apply(request);
            java.time.Duration stall = stallsAfterActing.get(operation);
            if (stall != null) {
                pause(stall); // acted; the answer comes too late for the client
            }
            send(exchange, 200, JSON_11, json.writeValueAsString(response));
        } catch (InjectedFault e) {
            error(exchange, e.fault.type(), e.fault.message(), e.fault.status());
        } catch (CognitoException e) {
            log.debug("{} -> {}: {}", operation, e.type(), e.getMessage());
            error(exchange, e.type(), e.getMessage(), 400);
        } catch (RuntimeException e) {
            log.error("{} failed inside the Cognito emulator (request {})", operation, requestId, e);
            error(exchange, "InternalErrorException", "Internal server error.", 500);
        }
    }

    /** Applies the operation's injected fault, if any: waits, and refuses before acting when it fails. */
    private void injectFault(String operation) {
        CountedFault counted = nextFaults.get(operation);
        if (counted != null && counted.left().getAndDecrement() > 0) {
            pause(counted.fault().delay());
            throw new InjectedFault(counted.fault());
        }
        CognitoFault fault = faults.get(operation);
        if (fault != null) {
            pause(fault.delay());
            if (fault.fails()) {
                throw new InjectedFault(fault);
            }
        }
    }

    private static void pause(java.time.Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An injected fault's answer, with its own HTTP status. */
    private static final class InjectedFault extends RuntimeException {
        private final CognitoFault fault;

        InjectedFault(CognitoFault fault) {
            super(fault.type(), null, false, false);
            this.fault = fault;
        }
    }

    /** A call signed for another region reaches that region's endpoint, where this pool does not exist. */
    private static CognitoException absentFromRegion(JsonNode request) {
        JsonNode clientId = request.get("ClientId");
        if (request.get("UserPoolId") == null && clientId != null) {
            return CognitoException.resourceNotFound("User pool client " + clientId.asString() + " does not exist.");
        }
        JsonNode poolId = request.get("UserPoolId");
        return CognitoException.resourceNotFound("User pool " + (poolId != null ? poolId.asString() : "") + " does not exist.");
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new CognitoException("SerializationException", "Start of structure or map found where not expected.");
            }
            return node;
        } catch (JacksonException e) {
            throw new CognitoException("SerializationException", "Unexpected character in the request body.");
        }
    }

    private void error(HttpExchange exchange, String type, String message, int status) throws IOException {
        ObjectNode body = json.createObjectNode().put("__type", type);
        if (message != null) {
            body.put("message", message);
        }
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type + ":");
        send(exchange, status, JSON_11, json.writeValueAsString(body));
    }

    /**
     * The discovery document. Its keys are the emulator's own, so {@code jwks_uri} names the emulator
     * (the port the request reached) even when the issuer is Cognito's real one, which serves none of them.
     */
    private String openIdConfiguration(int localPort) {
        String issuer = pool.tokens.issuer();
        ObjectNode config = json.createObjectNode()
                .put("issuer", issuer)
                .put("jwks_uri", "http://" + pool.settings.host() + ":" + localPort + wellKnownPrefix + "jwks.json");
        config.set("response_types_supported", Wire.strings(List.of("code", "token")));
        config.set("subject_types_supported", Wire.strings(List.of("public")));
        config.set("id_token_signing_alg_values_supported", Wire.strings(List.of("RS256")));
        config.set("scopes_supported", Wire.strings(List.of("openid", "email", "phone", "profile")));
        config.set("token_endpoint_auth_methods_supported", Wire.strings(List.of("client_secret_basic", "client_secret_post")));
        return json.writeValueAsString(config);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
