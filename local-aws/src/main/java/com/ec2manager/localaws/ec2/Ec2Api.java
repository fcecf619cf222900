package com.ec2manager.localaws.ec2;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The supported operations by name. */
final class Ec2Api {

    private final Map<String, Function<Ec2Request, String>> operations = new HashMap<>();

    Ec2Api(Fleet fleet, PageToken tokens, StateMachine stateMachine, RegionQueries regions) {
        InstanceQueries queries = new InstanceQueries(fleet, tokens);
        InstanceActions actions = new InstanceActions(fleet, stateMachine);
        TagActions tags = new TagActions(fleet);
        operations.put("DescribeRegions", regions::describeRegions);
        operations.put("DescribeAvailabilityZones", regions::describeAvailabilityZones);
        operations.put("DescribeInstances", queries::describeInstances);
        operations.put("DescribeInstanceStatus", queries::describeInstanceStatus);
        operations.put("DescribeInstanceAttribute", queries::describeInstanceAttribute);
        for (InstanceAction action : InstanceAction.values()) {
            operations.put(action.operation(), request -> actions.handle(action, request));
        }
        operations.put("CreateTags", tags::createTags);
        operations.put("DeleteTags", tags::deleteTags);
    }

    Set<String> operationNames() {
        return operations.keySet();
    }

    /** The XML body of a successful answer; refusals are thrown as {@link Ec2Exception}. */
    String handle(Ec2Request request) {
        Function<Ec2Request, String> operation = operations.get(request.action());
        if (operation == null) {
            throw Ec2Exception.client("InvalidAction", "The action " + request.action() + " is not valid for this web service.");
        }
        return operation.apply(request);
    }
}
