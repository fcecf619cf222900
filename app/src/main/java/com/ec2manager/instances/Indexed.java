package com.ec2manager.instances;

import java.util.Locale;
import java.util.Map;

/**
 * An instance with the lower-case text a search looks in: name, id, private and public addresses
 * and DNS names, tag keys and values, image, VPC, subnet, security group ids and names, key name.
 * Built once per read, so that a search is a scan of prepared strings.
 */
record Indexed(Instance instance, String text) {

    static Indexed of(Instance i) {
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
        return new Indexed(i, text.toString().toLowerCase(Locale.ROOT));
    }

    private static void append(StringBuilder text, String value) {
        if (value != null && !value.isEmpty()) {
            // a separator no search text holds, so that a match never spans two fields
            text.append(value).append('\n');
        }
    }
}
