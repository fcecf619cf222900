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
 * @param notice        what the person should know about it although it was done, e.g. that a schedule keeps the
 *                      instance stopped and will stop it again; null when nothing
 */
record ActionResult(String instanceId, String action, String region, InstanceState previousState,
                           InstanceState currentState, String awsRequestId, String notice) {
}
