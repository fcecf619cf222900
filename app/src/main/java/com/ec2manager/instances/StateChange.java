package com.ec2manager.instances;

/**
 * EC2's answer to an action on one instance.
 *
 * @param previousState the state before the call, as EC2 reported it
 * @param currentState  the state right after the call, as EC2 reported it
 * @param awsRequestId  EC2's request id, for support cases and CloudTrail
 */
record StateChange(InstanceState previousState, InstanceState currentState, String awsRequestId) {
}
