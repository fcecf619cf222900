package com.ec2manager.instances;

import java.util.List;

import com.ec2manager.failure.FailureKind;

/**
 * The answer to a bulk action: one item per distinct instance, in the order of the request.
 *
 * @param action    the action, e.g. {@code stop}
 * @param succeeded how many instances EC2 acted on
 * @param failed    how many were refused or failed
 * @param items     the outcome per instance
 */
public record BulkActionResult(String action, int succeeded, int failed, List<Item> items) {

    public BulkActionResult {
        items = List.copyOf(items);
    }

    /**
     * The outcome for one instance.
     *
     * @param instanceId    the instance
     * @param outcome       {@code SUCCEEDED} or {@code FAILED}
     * @param failure       what kind of failure it was, or {@code null} when it succeeded
     * @param code          the failure's code (EC2's where EC2 refused), or {@code null}
     * @param message       the failure's message, or {@code null}
     * @param region        the instance's region, when it was found
     * @param previousState the state before the action, when it was found
     * @param currentState  the state EC2 reported after the action, when it succeeded
     * @param awsRequestId  EC2's request id, when EC2 answered
     * @param notice        what the person should know about it although it was done (see {@link ActionResult#notice()})
     */
    record Item(String instanceId, String outcome, FailureKind failure, String code, String message, String region,
                       InstanceState previousState, InstanceState currentState, String awsRequestId, String notice) {

        static Item succeeded(ActionResult result) {
            return new Item(result.instanceId(), "SUCCEEDED", null, null, null, result.region(),
                    result.previousState(), result.currentState(), result.awsRequestId(), result.notice());
        }

        static Item failed(String instanceId, FailureKind failure, String code, String message, String region,
                           InstanceState previousState, String awsRequestId) {
            return new Item(instanceId, "FAILED", failure, code, message, region, previousState, null, awsRequestId, null);
        }

        boolean isSuccess() {
            return "SUCCEEDED".equals(outcome);
        }
    }
}
