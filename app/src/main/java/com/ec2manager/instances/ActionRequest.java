package com.ec2manager.instances;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of an action on one instance.
 *
 * @param reason             why the operator acts; required, at most 500 characters; audited
 * @param confirmAutoScaling must be {@code true} to act on a member of an Auto Scaling group
 * @param hibernate          a stop hibernates the instance (EC2's {@code Hibernate=true}; the instance must be
 *                           enabled for hibernation); ignored by the other actions
 */
public record ActionRequest(
        @NotBlank(message = "a reason is required") @Size(max = ActionRequest.MAX_REASON, message = "the reason may be at most 500 characters") String reason,
        Boolean confirmAutoScaling, Boolean hibernate) {

    static final int MAX_REASON = 500;

    public ActionRequest(String reason, Boolean confirmAutoScaling) {
        this(reason, confirmAutoScaling, null);
    }

    boolean hibernates() {
        return Boolean.TRUE.equals(hibernate);
    }

    public boolean autoScalingConfirmed() {
        return Boolean.TRUE.equals(confirmAutoScaling);
    }
}
