package com.ec2manager.audit;

/**
 * Who acted, and from where.
 *
 * @param userId    the Cognito {@code sub} of the person (the table's partition key)
 * @param email     their e-mail address, as {@code userEmail}
 * @param ipAddress the client's address; may be null
 * @param userAgent the client's User-Agent; may be null
 */
public record AuditActor(String userId, String email, String ipAddress, String userAgent) {

    /** Every value within what a DynamoDB key or attribute may hold ({@link AuditBounds}). */
    public AuditActor {
        userId = AuditBounds.bound(userId, AuditBounds.KEY);
        email = AuditBounds.bound(email, AuditBounds.ATTRIBUTE);
        ipAddress = AuditBounds.bound(ipAddress, AuditBounds.NAME);
        userAgent = AuditBounds.bound(userAgent, AuditBounds.ATTRIBUTE);
    }
}
