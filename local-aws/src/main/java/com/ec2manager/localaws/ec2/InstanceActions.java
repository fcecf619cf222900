package com.ec2manager.localaws.ec2;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * StartInstances, StopInstances, RebootInstances and TerminateInstances. A request naming
 * several instances is checked whole before anything changes: one unknown id, one protected
 * instance or one instance in the wrong state refuses the request and leaves every instance
 * as it was.
 */
final class InstanceActions {

    private final Fleet fleet;
    private final StateMachine stateMachine;

    InstanceActions(Fleet fleet, StateMachine stateMachine) {
        this.fleet = fleet;
        this.stateMachine = stateMachine;
    }

    String handle(InstanceAction action, Ec2Request request) {
        QueryParameters params = request.params();
        List<String> ids = InstanceIds.parse(params.list("InstanceId"));
        if (ids.isEmpty()) {
            throw Ec2Exception.missingParameter("InstanceId");
        }
        boolean force = action == InstanceAction.STOP && params.flag("Force");
        boolean hibernate = action == InstanceAction.STOP && params.flag("Hibernate");
        boolean dryRun = request.dryRun();
        List<Change> changes = fleet.change(request.region(), request.now(), region -> {
            List<Ec2Instance> current = region.getAll(ids);
            if (dryRun) {
                throw Ec2Exception.dryRun();
            }
            for (Ec2Instance instance : current) {
                Optional<Ec2Exception> refusal = stateMachine.refusal(action, instance);
                if (refusal.isEmpty() && hibernate) {
                    refusal = stateMachine.hibernationRefusal(instance);
                }
                if (refusal.isPresent()) {
                    throw refusal.get();
                }
            }
            List<Change> applied = new ArrayList<>(current.size());
            for (Ec2Instance instance : current) {
                Ec2Instance after = hibernate ? stateMachine.hibernate(instance, request.now(), force)
                        : stateMachine.apply(action, instance, request.now(), force);
                if (after != instance) {
                    region.put(after);
                }
                applied.add(new Change(instance.instanceId(), instance.state(), after.state()));
            }
            return applied;
        });
        XmlWriter xml = XmlWriter.response(request.action(), request.requestId(), 256 + changes.size() * 256);
        if (action == InstanceAction.REBOOT) {
            return xml.element("return", true).finish();
        }
        xml.start("instancesSet");
        for (Change change : changes) {
            xml.start("item").element("instanceId", change.instanceId);
            InstanceXml.writeState(xml, "currentState", change.current);
            InstanceXml.writeState(xml, "previousState", change.previous);
            xml.end();
        }
        return xml.end().finish();
    }

    private record Change(String instanceId, InstanceState previous, InstanceState current) {
    }
}
