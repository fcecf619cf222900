package com.ec2manager.instances;

/**
 * The answer to an action EC2 accepted.
 *
 * @param instanceId    the instance
 * @param action        the action, e.g. {@code stop}
 * @param region        the instance's region
 * @param previousState the state before the action
 * @param currentState  the state EC2 reported right after it
 * @param awsRequestId  EC2's request id
 */
public record ActionResult(String instanceId, String action, String region, InstanceState previousState,
                           InstanceState currentState, String awsRequestId) {
}
