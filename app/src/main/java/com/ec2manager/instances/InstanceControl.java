package com.ec2manager.instances;

import java.util.Optional;

/**
 * What an instance action needs from EC2: the call itself, and the instance's state when a
 * PENDING record is judged. The one seam where how EC2 is reached (which account, which session)
 * plugs into the audited-action path.
 */
interface InstanceControl {

    /**
     * Asks EC2 to perform the action ({@code hibernate}: a stop hibernates); EC2's refusals and silences come
     * back as {@link Ec2CallException}s.
     */
    StateChange perform(InstanceAction action, AccountRegion where, String id, InstanceState before, Ec2Caller caller,
                        boolean hibernate);

    /** The instance as EC2 has it now, if it exists. */
    Optional<Instance> describeInstance(AccountRegion where, String id, Ec2Caller caller);
}
