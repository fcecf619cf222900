package com.ec2manager.localaws.sts;

import java.time.Instant;

/**
 * Who signed a request, as STS's GetCallerIdentity and CloudTrail's {@code userIdentity} name it:
 * a long-term key (an IAM user of the default account) or a session issued by AssumeRole.
 *
 * @param type           {@code IAMUser} or {@code AssumedRole}
 * @param accountId      the account the credentials act in; it selects the EC2 emulator's fleet
 * @param arn            e.g. {@code arn:aws:sts::210987654321:assumed-role/EC2ManagerMember/alice}
 * @param principalId    GetCallerIdentity's {@code UserId}, e.g. {@code AROA…:alice}
 * @param accessKeyId    the access key id that signed
 * @param roleArn        the role assumed, or null for a long-term key
 * @param sessionName    the RoleSessionName, or null
 * @param sourceIdentity the SourceIdentity set when the role was assumed, or null
 * @param issuedAt       when the session was issued, or null for a long-term key
 */
public record Principal(String type, String accountId, String arn, String principalId, String accessKeyId,
                        String roleArn, String sessionName, String sourceIdentity, Instant issuedAt) {

    static Principal user(String accountId, String accessKeyId) {
        String name = accessKeyId.replaceAll("[^\\w+=,.@-]", "_");
        return new Principal("IAMUser", accountId, "arn:aws:iam::" + accountId + ":user/" + name,
                "AIDA" + Ids.stable(accessKeyId, 17), accessKeyId, null, null, null, null);
    }

    public boolean assumedRole() {
        return roleArn != null;
    }

    /** The role's name, the last part of its ARN, or null. */
    public String roleName() {
        return roleArn == null ? null : roleArn.substring(roleArn.lastIndexOf('/') + 1);
    }

    /** CloudTrail's {@code userName}/{@code Username}: the session name for a role, the user name otherwise. */
    public String userName() {
        return assumedRole() ? sessionName : arn.substring(arn.lastIndexOf('/') + 1);
    }
}
