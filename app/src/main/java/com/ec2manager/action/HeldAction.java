package com.ec2manager.action;

/**
 * An action held back rather than done: nothing was done, and it waits on what {@code id} names.
 * The features whose actions a policy may hold (instances, user administration) answer it by
 * throwing {@link ActionHeldException}.
 *
 * @param id    the approval request's id
 * @param state what it waits in, e.g. {@code PENDING_APPROVAL}
 */
public record HeldAction(String id, String state) {
}
