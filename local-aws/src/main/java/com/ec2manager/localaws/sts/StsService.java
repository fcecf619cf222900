package com.ec2manager.localaws.sts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The STS emulator's state and rules: the roles that may be assumed with their trust rules, and
 * the sessions issued by AssumeRole. A long-term key (anything not issued here) acts as an IAM
 * user of the default account; an issued key acts in the account of the role it assumed, which
 * is how the EC2 emulator picks the fleet a request sees.
 */
public final class StsService {

    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]*");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]*");
    private static final Duration MIN_DURATION = Duration.ofMinutes(15);
    private static final Duration DEFAULT_DURATION = Duration.ofHours(1);

    private final String defaultAccountId;
    private final Map<String, RoleTrust> roles;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** An issued session: who it is and until when its credentials are valid. */
    record Session(Principal principal, String secretAccessKey, String sessionToken, Instant expiration) {
    }

    public StsService(String defaultAccountId, List<RoleTrust> roles, Clock clock) {
        this.defaultAccountId = defaultAccountId;
        this.roles = roles.stream().collect(Collectors.toUnmodifiableMap(RoleTrust::roleArn, Function.identity(),
                (a, b) -> b));
        this.clock = clock;
    }

    public String defaultAccountId() {
        return defaultAccountId;
    }

    /**
     * Who signs with {@code accessKeyId}: the session issued with it, or an IAM user of the default
     * account for any other key; empty when the key was issued here and has expired.
     */
    public Optional<Principal> principal(String accessKeyId) {
        Session session = sessions.get(accessKeyId);
        if (session == null) {
            return Optional.of(Principal.user(defaultAccountId, accessKeyId));
        }
        if (!session.expiration().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(session.principal());
    }

    /** AssumeRole with STS's validation, trust rule and source identity rules. */
    Session assumeRole(Principal caller, String roleArn, String sessionName, String externalId,
                       String sourceIdentity, String durationSeconds) {
        require("roleArn", roleArn);
        require("roleSessionName", sessionName);
        length("roleArn", roleArn, 20, 2048);
        name("roleSessionName", sessionName);
        if (sourceIdentity != null) {
            name("sourceIdentity", sourceIdentity);
            if (sourceIdentity.toLowerCase().startsWith("aws:")) {
                throw StsException.validation("SourceIdentity cannot start with 'aws:'");
            }
        }
        if (externalId != null) {
            length("externalId", externalId, 2, 1224);
            pattern("externalId", externalId, EXTERNAL_ID, "[\\w+=,.@:\\/-]*");
        }
        Duration duration = duration(durationSeconds);
        RoleTrust role = roles.get(roleArn);
        if (role == null || (role.externalId() != null && !role.externalId().equals(externalId))) {
            // STS does not tell an unknown role from a refused trust rule.
            throw StsException.accessDenied("User: " + caller.arn() + " is not authorized to perform: sts:AssumeRole on resource: "
                    + roleArn);
        }
        if (duration.compareTo(role.maxSessionDuration()) > 0) {
            throw StsException.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        // A source identity, once set, passes along a role chain and cannot be changed.
        if (caller.sourceIdentity() != null) {
            if (sourceIdentity != null && !sourceIdentity.equals(caller.sourceIdentity())) {
                throw StsException.accessDenied("User: " + caller.arn() + " is not authorized to perform: "
                        + "sts:SetSourceIdentity on resource: " + roleArn
                        + " because the source identity of the session cannot be changed");
            }
            sourceIdentity = caller.sourceIdentity();
        }
        Instant now = clock.instant();
        String accessKeyId = "ASIA" + Ids.random(16);
        String roleId = "AROA" + Ids.stable(roleArn, 17);
        Principal principal = new Principal("AssumedRole", role.accountId(),
                "arn:aws:sts::" + role.accountId() + ":assumed-role/" + role.roleName() + "/" + sessionName,
                roleId + ":" + sessionName, accessKeyId, roleArn, sessionName, sourceIdentity, now);
        Session session = new Session(principal, Ids.secret(30), Ids.secret(120),
                now.plus(duration).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        sessions.values().removeIf(old -> !old.expiration().isAfter(now));
        sessions.put(accessKeyId, session);
        return session;
    }

    private static Duration duration(String text) {
        if (text == null) {
            return DEFAULT_DURATION;
        }
        long seconds;
        try {
            seconds = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw StsException.validation("1 validation error detected: Value '" + text
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must be a number");
        }
        if (seconds < MIN_DURATION.toSeconds()) {
            throw StsException.validation("1 validation error detected: Value '" + seconds
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
        }
        if (seconds > 43200) {
            throw StsException.validation("1 validation error detected: Value '" + seconds
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200");
        }
        return Duration.ofSeconds(seconds);
    }

    private static void require(String field, String value) {
        if (value == null) {
            throw StsException.validation("1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
    }

    private static void name(String field, String value) {
        length(field, value, 2, 64);
        pattern(field, value, NAME, "[\\w+=,.@-]*");
    }

    private static void length(String field, String value, int min, int max) {
        if (value.length() < min) {
            throw StsException.validation("1 validation error detected: Value '" + value + "' at '" + field
                    + "' failed to satisfy constraint: Member must have length greater than or equal to " + min);
        }
        if (value.length() > max) {
            throw StsException.validation("1 validation error detected: Value '" + value + "' at '" + field
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
        }
    }

    private static void pattern(String field, String value, Pattern pattern, String shown) {
        if (!pattern.matcher(value).matches()) {
            throw StsException.validation("1 validation error detected: Value '" + value + "' at '" + field
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + shown);
        }
    }
}
