package com.ec2manager.instances;

import java.util.List;
import java.util.Map;

/**
 * What a person should be told about an action that goes ahead anyway, e.g. that a schedule keeps
 * the instance stopped: a feature that knows such things (schedules) implements this. The notice
 * is in the action's answer and in its audit record's details ({@code notice}); it never stops the
 * action, and a notice that cannot be worked out is simply not given.
 */
public interface ActionNotices {

    /** The notice for each of {@code instances} that has one, by instance id. */
    Map<String, String> about(InstanceAction action, List<Instance> instances);
}
