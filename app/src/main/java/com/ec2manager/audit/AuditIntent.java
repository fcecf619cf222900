package com.ec2manager.audit;

/**
 * What is about to be done (or was attempted), by whom, to what.
 *
 * @param actor        who acts
 * @param action       the action
 * @param resourceType the kind of resource
 * @param resourceId   the resource, e.g. an instance id or the user's sub; the ResourceIndex key
 * @param details      the seed's details; null means none
 * @param requestId    the id of the HTTP request that carried the action (see RequestIdFilter)
 */
public record AuditIntent(AuditActor actor, AuditAction action, ResourceType resourceType, String resourceId,
                          AuditDetails details, String requestId) {
}
