package com.ec2manager.localaws.ec2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.ec2manager.localaws.ec2.QueryParameters.FilterSpec;

/**
 * DescribeRegions and DescribeAvailabilityZones. The emulated account has the configured
 * regions enabled; {@code AllRegions=true} adds the other regions EC2 knows as not opted in
 * (they do not answer here, so none of them may look enabled).
 */
final class RegionQueries {

    private final List<String> enabledRegions;

    RegionQueries(List<String> enabledRegions) {
        this.enabledRegions = List.copyOf(enabledRegions);
    }

    String describeRegions(Ec2Request request) {
        QueryParameters params = request.params();
        boolean all = params.flag("AllRegions");
        List<String> names = params.list("RegionName");
        Map<String, Function<RegionInfo, String>> fields = new HashMap<>();
        fields.put("region-name", RegionInfo::name);
        fields.put("endpoint", RegionInfo::endpointHost);
        fields.put("opt-in-status", r -> optInStatus(r));
        List<Map.Entry<Function<RegionInfo, String>, List<Wildcard>>> filters = compile(params.filters(), fields);
        for (String name : names) {
            if (RegionCatalog.find(name).isEmpty()) {
                throw Ec2Exception.invalidParameterValue("Invalid region: " + name);
            }
        }
        if (request.dryRun()) {
            throw Ec2Exception.dryRun();
        }
        XmlWriter xml = XmlWriter.response(request.action(), request.requestId(), 4096).start("regionInfo");
        for (RegionInfo region : RegionCatalog.all()) {
            boolean enabled = enabledRegions.contains(region.name());
            boolean listed = names.isEmpty() ? enabled || all : names.contains(region.name());
            if (listed && passes(filters, region)) {
                xml.start("item").element("regionName", region.name())
                        .element("regionEndpoint", region.endpointHost())
                        .element("optInStatus", optInStatus(region)).end();
            }
        }
        return xml.end().finish();
    }

    /**
     * Only the configured regions answer (others answer AuthFailure), so only they are listed as
     * enabled; every other region is {@code not-opted-in}, also one that AWS enables by default.
     */
    private String optInStatus(RegionInfo region) {
        boolean enabled = enabledRegions.contains(region.name());
        return enabled ? region.optInStatus(true) : "not-opted-in";
    }

    String describeAvailabilityZones(Ec2Request request) {
        QueryParameters params = request.params();
        RegionInfo region = RegionCatalog.require(request.region());
        params.flag("AllAvailabilityZones");
        Map<String, Function<String, String>> fields = new HashMap<>();
        fields.put("zone-name", zone -> zone);
        fields.put("zone-id", region::zoneId);
        fields.put("region-name", zone -> region.name());
        fields.put("group-name", zone -> region.name());
        fields.put("state", zone -> "available");
        fields.put("zone-type", zone -> "availability-zone");
        fields.put("opt-in-status", zone -> "opt-in-not-required");
        List<Map.Entry<Function<String, String>, List<Wildcard>>> filters = compile(params.filters(), fields);
        List<String> names = params.list("ZoneName");
        List<String> zoneIds = params.list("ZoneId");
        for (String name : names) {
            if (!region.zoneNames().contains(name)) {
                throw Ec2Exception.invalidParameterValue("The zone '" + name + "' does not exist.");
            }
        }
        for (String id : zoneIds) {
            if (!region.zoneIds().contains(id)) {
                throw Ec2Exception.invalidParameterValue("The zone ID '" + id + "' does not exist.");
            }
        }
        if (request.dryRun()) {
            throw Ec2Exception.dryRun();
        }
        XmlWriter xml = XmlWriter.response(request.action(), request.requestId(), 2048).start("availabilityZoneInfo");
        for (String zone : region.zoneNames()) {
            boolean named = names.isEmpty() && zoneIds.isEmpty()
                    || names.contains(zone) || zoneIds.contains(region.zoneId(zone));
            if (named && passes(filters, zone)) {
                xml.start("item").element("zoneName", zone).element("zoneState", "available")
                        .element("regionName", region.name()).empty("messageSet")
                        .element("zoneId", region.zoneId(zone)).element("zoneType", "availability-zone")
                        .element("optInStatus", "opt-in-not-required").element("groupName", region.name())
                        .element("networkBorderGroup", region.name()).end();
            }
        }
        return xml.end().finish();
    }

    private static <T> List<Map.Entry<Function<T, String>, List<Wildcard>>> compile(List<FilterSpec> specs,
            Map<String, Function<T, String>> fields) {
        List<Map.Entry<Function<T, String>, List<Wildcard>>> filters = new ArrayList<>();
        for (FilterSpec spec : specs) {
            Function<T, String> field = fields.get(spec.name());
            if (field == null) {
                throw Ec2Exception.invalidParameterValue("The filter '" + spec.name() + "' is invalid");
            }
            filters.add(Map.entry(field, spec.values().stream().map(Wildcard::compile).toList()));
        }
        return filters;
    }

    private static <T> boolean passes(List<Map.Entry<Function<T, String>, List<Wildcard>>> filters, T item) {
        for (Map.Entry<Function<T, String>, List<Wildcard>> filter : filters) {
            String value = filter.getKey().apply(item);
            if (filter.getValue().stream().noneMatch(w -> w.matches(value))) {
                return false;
            }
        }
        return true;
    }

    Set<String> enabled() {
        return Set.copyOf(enabledRegions);
    }
}
