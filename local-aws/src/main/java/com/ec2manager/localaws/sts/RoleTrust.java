package com.ec2manager.localaws.sts;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A role the STS emulator lets callers assume, with its trust rule: the external id the caller
 * must give (null: none required), as a trust policy's {@code sts:ExternalId} condition does.
 *
 * @param roleArn            e.g. {@code arn:aws:iam::210987654321:role/EC2ManagerMember}
 * @param externalId         the required {@code ExternalId}, or null
 * @param maxSessionDuration the role's MaxSessionDuration (IAM's default: one hour)
 */
public record RoleTrust(String roleArn, String externalId, Duration maxSessionDuration) {

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");

    /** The role name the local stack gives the member role of every emulated account. */
    public static final String LOCAL_ROLE_NAME = "EC2ManagerMember";
    /** The external id the local stack's roles require. */
    public static final String LOCAL_EXTERNAL_ID = "ec2-manager-local";

    public RoleTrust {
        if (roleArn == null || !ROLE_ARN.matcher(roleArn).matches()) {
            throw new IllegalArgumentException("not a role ARN: " + roleArn);
        }
        maxSessionDuration = maxSessionDuration == null ? Duration.ofHours(1) : maxSessionDuration;
    }

    /** The local stack's member role of {@code accountId}, requiring {@link #LOCAL_EXTERNAL_ID}. */
    public static RoleTrust localMember(String accountId) {
        return new RoleTrust(roleArn(accountId, LOCAL_ROLE_NAME), LOCAL_EXTERNAL_ID, Duration.ofHours(1));
    }

    public static String roleArn(String accountId, String roleName) {
        return "arn:aws:iam::" + accountId + ":role/" + roleName;
    }

    public String accountId() {
        var m = ROLE_ARN.matcher(roleArn);
        m.matches();
        return m.group(1);
    }

    public String roleName() {
        return roleArn.substring(roleArn.lastIndexOf('/') + 1);
    }
}
