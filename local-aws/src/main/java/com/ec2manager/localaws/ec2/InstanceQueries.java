package com.ec2manager.localaws.ec2;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** DescribeInstances, DescribeInstanceStatus and DescribeInstanceAttribute. */
final class InstanceQueries {

    private static final int MIN_RESULTS = 5;
    private static final int MAX_RESULTS = 1000;

    private final Fleet fleet;
    private final PageToken tokens;

    InstanceQueries(Fleet fleet, PageToken tokens) {
        this.fleet = fleet;
        this.tokens = tokens;
    }

    String describeInstances(Ec2Request request) {
        QueryParameters params = request.params();
        List<String> ids = InstanceIds.parse(params.list("InstanceId"));
        Integer maxResults = maxResults(params, !ids.isEmpty(), "instancesSet");
        InstanceFilter filter = InstanceFilter.compile(params.filters(), InstanceFilter.DESCRIBE_INSTANCES, true);
        boolean ownerMatches = InstanceFilter.ownerMatches(params.filters(), request.accountId());
        String cursor = cursor(request);
        if (request.dryRun()) {
            throw Ec2Exception.dryRun();
        }
        Predicate<Ec2Instance> wanted = i -> ownerMatches && filter.matches(i);
        Listing listing = ids.isEmpty()
                ? page(request, wanted, maxResults, cursor)
                : byIds(request, ids, wanted);
        XmlWriter xml = XmlWriter.response(request.action(), request.requestId(), 2048 + listing.instances.size() * 2600);
        InstanceXml.writeReservations(xml, listing.instances, request.accountId());
        xml.element("nextToken", listing.nextToken);
        return xml.finish();
    }

    String describeInstanceStatus(Ec2Request request) {
        QueryParameters params = request.params();
        List<String> ids = InstanceIds.parse(params.list("InstanceId"));
        Integer maxResults = maxResults(params, !ids.isEmpty(), "instancesSet");
        boolean includeAll = params.flag("IncludeAllInstances");
        InstanceFilter filter = InstanceFilter.compile(params.filters(), InstanceFilter.DESCRIBE_INSTANCE_STATUS, false);
        String cursor = cursor(request);
        if (request.dryRun()) {
            throw Ec2Exception.dryRun();
        }
        Predicate<Ec2Instance> wanted = i -> (includeAll || i.state() == InstanceState.RUNNING) && filter.matches(i);
        Listing listing = ids.isEmpty() ? page(request, wanted, maxResults, cursor) : byIds(request, ids, wanted);
        XmlWriter xml = XmlWriter.response(request.action(), request.requestId(), 1024 + listing.instances.size() * 700);
        xml.start("instanceStatusSet");
        for (Ec2Instance i : listing.instances) {
            xml.start("item").element("instanceId", i.instanceId()).element("availabilityZone", i.availabilityZone());
            InstanceXml.writeState(xml, "instanceState", i.state());
            writeStatus(xml, "systemStatus", i);
            writeStatus(xml, "instanceStatus", i);
            xml.end();
        }
        xml.end().element("nextToken", listing.nextToken);
        return xml.finish();
    }

    private static void writeStatus(XmlWriter xml, String element, Ec2Instance instance) {
        xml.start(element).element("status", InstanceFilter.status(instance));
        if (instance.state() == InstanceState.RUNNING) {
            xml.start("details").start("item").element("name", "reachability").element("status", "passed").end().end();
        }
        xml.end();
    }

    String describeInstanceAttribute(Ec2Request request) {
        QueryParameters params = request.params();
        String id = params.get("InstanceId");
        if (id == null) {
            throw Ec2Exception.missingParameter("InstanceId");
        }
        String attribute = params.get("Attribute");
        if (attribute == null) {
            throw Ec2Exception.missingParameter("Attribute");
        }
        if (!InstanceIds.wellFormed(id)) {
            throw InstanceIds.malformed(id);
        }
        Ec2Instance i = fleet.find(request.region(), List.of(id), request.now()).get(id);
        if (i == null) {
            throw InstanceIds.notFound(List.of(id));
        }
        XmlWriter xml = XmlWriter.response(request.action(), request.requestId(), 512).element("instanceId", id);
        switch (attribute) {
            case "instanceType" -> value(xml, attribute, i.instanceType());
            case "disableApiTermination" -> value(xml, attribute, Boolean.toString(i.disableApiTermination()));
            case "disableApiStop" -> value(xml, attribute, Boolean.toString(i.disableApiStop()));
            case "instanceInitiatedShutdownBehavior" -> value(xml, attribute, "stop");
            case "rootDeviceName" -> value(xml, attribute, i.rootDeviceName());
            case "ebsOptimized" -> value(xml, attribute, Boolean.toString(!i.instanceType().startsWith("t")));
            case "enaSupport" -> value(xml, attribute, "true");
            case "sourceDestCheck" -> value(xml, attribute, "true");
            case "userData", "kernel", "ramdisk" -> xml.empty(attribute);
            case "productCodes" -> xml.empty("productCodes");
            case "groupSet" -> xml.start("groupSet").start("item").element("groupId", i.securityGroupId())
                    .element("groupName", i.securityGroupName()).end().end();
            default -> throw Ec2Exception.invalidParameterValue(
                    "Value (" + attribute + ") for parameter attribute is invalid. Unknown attribute.");
        }
        if (request.dryRun()) {
            throw Ec2Exception.dryRun();
        }
        return xml.finish();
    }

    private static void value(XmlWriter xml, String attribute, String value) {
        xml.start(attribute).element("value", value).end();
    }

    private Listing page(Ec2Request request, Predicate<Ec2Instance> wanted, Integer maxResults, String cursor) {
        int limit = maxResults == null ? Integer.MAX_VALUE : maxResults;
        Fleet.Page page = fleet.page(request.region(), cursor, wanted, limit, request.now());
        String next = page.lastKey() == null ? null : tokens.issue(request.action(), request.region(), page.lastKey());
        return new Listing(page.items(), next);
    }

    private Listing byIds(Ec2Request request, List<String> ids, Predicate<Ec2Instance> wanted) {
        Map<String, Ec2Instance> found = fleet.find(request.region(), ids, request.now());
        List<String> missing = ids.stream().filter(id -> !found.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw InstanceIds.notFound(missing);
        }
        List<Ec2Instance> instances = new ArrayList<>();
        for (Ec2Instance instance : found.values()) {
            if (wanted.test(instance)) {
                instances.add(instance);
            }
        }
        instances.sort(Comparator.comparing(Ec2Instance::orderKey));
        return new Listing(instances, null);
    }

    private String cursor(Ec2Request request) {
        String token = request.params().get("NextToken");
        return token == null || token.isEmpty() ? null : tokens.cursor(request.action(), request.region(), token);
    }

    private static Integer maxResults(QueryParameters params, boolean withIds, String idsParameter) {
        String raw = params.get("MaxResults");
        if (raw == null) {
            return null;
        }
        if (withIds) {
            throw Ec2Exception.client("InvalidParameterCombination",
                    "The parameter " + idsParameter + " cannot be used with the parameter maxResults");
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw Ec2Exception.invalidParameterValue("Value ( " + raw + " ) for parameter maxResults is invalid. "
                    + "Expecting a value greater than " + MIN_RESULTS + ".");
        }
        if (value < MIN_RESULTS) {
            throw Ec2Exception.invalidParameterValue("Value ( " + value + " ) for parameter maxResults is invalid. "
                    + "Expecting a value greater than " + MIN_RESULTS + ".");
        }
        if (value > MAX_RESULTS) {
            throw Ec2Exception.invalidParameterValue("Value ( " + value + " ) for parameter maxResults is invalid. "
                    + "Expecting a value less than " + MAX_RESULTS + ".");
        }
        return value;
    }

    private record Listing(List<Ec2Instance> instances, String nextToken) {
    }
}
