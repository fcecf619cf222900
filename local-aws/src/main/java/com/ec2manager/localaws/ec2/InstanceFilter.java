package com.ec2manager.localaws.ec2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.ec2manager.localaws.ec2.QueryParameters.FilterSpec;

/**
 * The {@code Filter.N} parameters of a describe request, compiled once per request: values of
 * one filter are OR'd, filters are AND'd, values may hold EC2's wildcards. An unknown filter
 * name is refused as EC2 refuses it.
 */
final class InstanceFilter {

    /** The filters of DescribeInstances. */
    static final Map<String, Function<Ec2Instance, String>> DESCRIBE_INSTANCES = new HashMap<>();
    /** The filters of DescribeInstanceStatus. */
    static final Map<String, Function<Ec2Instance, String>> DESCRIBE_INSTANCE_STATUS = new HashMap<>();

    static {
        Map<String, Function<Ec2Instance, String>> f = DESCRIBE_INSTANCES;
        f.put("instance-id", Ec2Instance::instanceId);
        f.put("instance-state-name", i -> i.state().wireName());
        f.put("instance-state-code", i -> Integer.toString(i.state().code()));
        f.put("instance-type", Ec2Instance::instanceType);
        f.put("availability-zone", Ec2Instance::availabilityZone);
        f.put("image-id", Ec2Instance::imageId);
        f.put("platform", i -> i.platform().wireValue());
        f.put("platform-details", i -> i.platform().platformDetails());
        f.put("private-ip-address", Ec2Instance::privateIpAddress);
        f.put("network-interface.addresses.private-ip-address", Ec2Instance::privateIpAddress);
        f.put("ip-address", Ec2Instance::visiblePublicIp);
        f.put("private-dns-name", Ec2Instance::privateDnsName);
        f.put("dns-name", Ec2Instance::publicDnsName);
        f.put("reservation-id", Ec2Instance::reservationId);
        f.put("vpc-id", Ec2Instance::vpcId);
        f.put("subnet-id", Ec2Instance::subnetId);
        f.put("architecture", Ec2Instance::architecture);
        f.put("key-name", Ec2Instance::keyName);
        f.put("ami-launch-index", i -> Integer.toString(i.amiLaunchIndex()));
        f.put("root-device-type", i -> "ebs");
        f.put("root-device-name", Ec2Instance::rootDeviceName);
        f.put("tenancy", i -> "default");
        f.put("hypervisor", i -> "xen");
        f.put("virtualization-type", i -> "hvm");
        f.put("monitoring-state", i -> "disabled");
        f.put("hibernation-options.configured", i -> Boolean.toString(i.hibernationConfigured()));
        f.put("instance.group-id", Ec2Instance::securityGroupId);
        f.put("instance.group-name", Ec2Instance::securityGroupName);
        f.put("reason", i -> i.lifecycle().reason());
        f.put("state-reason-code", i -> i.lifecycle().stateReasonCode());

        Map<String, Function<Ec2Instance, String>> s = DESCRIBE_INSTANCE_STATUS;
        s.put("availability-zone", Ec2Instance::availabilityZone);
        s.put("instance-state-name", i -> i.state().wireName());
        s.put("instance-state-code", i -> Integer.toString(i.state().code()));
        s.put("instance-status.status", InstanceFilter::status);
        s.put("system-status.status", InstanceFilter::status);
        s.put("instance-status.reachability", InstanceFilter::reachability);
        s.put("system-status.reachability", InstanceFilter::reachability);
    }

    private static final String OWNER_ID = "owner-id";
    private static final InstanceFilter NONE = new InstanceFilter(List.of());

    private final List<Condition> conditions;

    private InstanceFilter(List<Condition> conditions) {
        this.conditions = conditions;
    }

    static InstanceFilter none() {
        return NONE;
    }

    /**
     * Compiles filters against the supported filter names; tag filters ({@code tag:KEY},
     * {@code tag-key}, {@code tag-value}) are supported when {@code withTags}.
     */
    static InstanceFilter compile(List<FilterSpec> specs, Map<String, Function<Ec2Instance, String>> supported,
            boolean withTags) {
        List<Condition> conditions = new ArrayList<>();
        for (FilterSpec spec : specs) {
            String name = spec.name();
            if (withTags && name.equals(OWNER_ID)) {
                continue; // the account's, not the instance's: see ownerMatches
            }
            List<Wildcard> patterns = spec.values().stream().map(Wildcard::compile).toList();
            Function<Ec2Instance, String> field = supported.get(name);
            if (field != null) {
                conditions.add(instance -> anyMatch(patterns, field.apply(instance)));
            } else if (withTags && name.startsWith("tag:")) {
                String key = name.substring(4);
                conditions.add(instance -> anyMatch(patterns, instance.tags().get(key)));
            } else if (withTags && name.equals("tag-key")) {
                conditions.add(instance -> instance.tags().keySet().stream().anyMatch(k -> anyMatch(patterns, k)));
            } else if (withTags && name.equals("tag-value")) {
                conditions.add(instance -> instance.tags().values().stream().anyMatch(v -> anyMatch(patterns, v)));
            } else {
                throw Ec2Exception.invalidParameterValue("The filter '" + name + "' is invalid");
            }
        }
        return conditions.isEmpty() ? NONE : new InstanceFilter(List.copyOf(conditions));
    }

    /** Whether every {@code owner-id} filter among {@code specs} names {@code accountId}. */
    static boolean ownerMatches(List<FilterSpec> specs, String accountId) {
        return specs.stream().filter(spec -> spec.name().equals(OWNER_ID))
                .allMatch(spec -> anyMatch(spec.values().stream().map(Wildcard::compile).toList(), accountId));
    }

    /** Whether the instance, as it is at the time of the request, passes every filter. */
    boolean matches(Ec2Instance instance) {
        for (Condition condition : conditions) {
            if (!condition.test(instance)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyMatch(List<Wildcard> patterns, String value) {
        if (value == null) {
            return false;
        }
        for (Wildcard pattern : patterns) {
            if (pattern.matches(value)) {
                return true;
            }
        }
        return false;
    }

    static String status(Ec2Instance instance) {
        return instance.state() == InstanceState.RUNNING ? "ok" : "not-applicable";
    }

    private static String reachability(Ec2Instance instance) {
        return instance.state() == InstanceState.RUNNING ? "passed" : null;
    }

    @FunctionalInterface
    private interface Condition {
        boolean test(Ec2Instance instance);
    }
}
