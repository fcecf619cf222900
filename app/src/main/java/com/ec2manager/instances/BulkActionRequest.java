package com.ec2manager.instances;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * The body of an action on several instances.
 *
 * @param action             {@code start}, {@code stop}, {@code reboot} or {@code terminate}
 * @param instanceIds        the instances; at least one, at most {@code ec2manager.instances.bulk-limit}
 * @param reason             why the operator acts; required, at most 500 characters; audited per instance
 * @param confirmAutoScaling must be {@code true} to act on members of Auto Scaling groups
 */
record BulkActionRequest(
        String action,
        @NotEmpty(message = "name at least one instance") List<String> instanceIds,
        @NotBlank(message = "a reason is required") @Size(max = ActionRequest.MAX_REASON, message = "the reason may be at most 500 characters") String reason,
        Boolean confirmAutoScaling) {

    ActionRequest single() {
        return new ActionRequest(reason, confirmAutoScaling);
    }
}
