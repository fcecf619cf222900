package com.ec2manager.instances;

import java.util.Locale;
import java.util.Map;

/**
 * An instance with what a listing looks at, worked out once when it is read: the lower-case text
 * a search looks in (name, id, private and public addresses and DNS names, tag keys and values,
 * image, VPC, subnet, security group ids and names, key name) and its facet values as codes
 * ({@link FacetValues}), so that a listing is a scan of prepared strings and small numbers.
 *
 * @param codes the instance's code per facet (-1: no value); empty when built without facets
 */
record Indexed(Instance instance, String text, int[] codes) {

    private static final int[] NO_CODES = new int[0];

    /** For matching one instance on its own: no facet codes. */
    static Indexed of(Instance i) {
        return new Indexed(i, textOf(i), NO_CODES);
    }

    static Indexed of(Instance i, FacetValues facets) {
        return new Indexed(i, textOf(i), facets.codesOf(i));
    }

    private static String textOf(Instance i) {
        StringBuilder text = new StringBuilder(256);
        append(text, i.name());
        append(text, i.id());
        append(text, i.privateIp());
        append(text, i.publicIp());
        append(text, i.privateDns());
        append(text, i.publicDns());
        append(text, i.imageId());
        append(text, i.vpcId());
        append(text, i.subnetId());
        append(text, i.keyName());
        for (Instance.SecurityGroup group : i.securityGroups()) {
            append(text, group.id());
            append(text, group.name());
        }
        for (Map.Entry<String, String> tag : i.tags().entrySet()) {
            append(text, tag.getKey() + "=" + tag.getValue());
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    private static void append(StringBuilder text, String value) {
        if (value != null && !value.isEmpty()) {
            // a separator no search text holds, so that a match never spans two fields
            text.append(value).append('\n');
        }
    }
}
