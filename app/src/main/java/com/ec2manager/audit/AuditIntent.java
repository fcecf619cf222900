package com.ec2manager.audit;

/**
 * What is about to be done (or was attempted), by whom, to what.
 *
 * @param actor        who acts
 * @param action       the action
 * @param resourceType the kind of resource
 * @param resourceId   the resource, e.g. an instance id or the user's sub; the ResourceIndex key
 * @param details      the seed's details; null means none
 * @param requestId    the id the server gave the HTTP request that carried the action (see RequestIdFilter)
 * @param clientRequestId the {@code X-Request-Id} the client sent, kept beside the server's; may be null
 */
public record AuditIntent(AuditActor actor, AuditAction action, ResourceType resourceType, String resourceId,
                          AuditDetails details, String requestId, String clientRequestId) {

    /** Every value within what a DynamoDB key or attribute may hold ({@link AuditBounds}). */
    public AuditIntent {
        resourceId = AuditBounds.bound(resourceId, AuditBounds.KEY);
        details = details == null ? null : details.bounded();
        requestId = AuditBounds.bound(requestId, AuditBounds.NAME);
        clientRequestId = AuditBounds.bound(clientRequestId, AuditBounds.NAME);
    }

    public AuditIntent(AuditActor actor, AuditAction action, ResourceType resourceType, String resourceId,
                       AuditDetails details, String requestId) {
        this(actor, action, resourceType, resourceId, details, requestId, null);
    }
}
