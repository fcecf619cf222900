package com.ec2manager.instances;

/**
 * The safeguards EC2 keeps per instance ({@code DescribeInstanceAttribute}).
 *
 * @param stop        {@code disableApiStop}: EC2 refuses StopInstances
 * @param termination {@code disableApiTermination}: EC2 refuses TerminateInstances
 */
record Protection(boolean stop, boolean termination) {
}
