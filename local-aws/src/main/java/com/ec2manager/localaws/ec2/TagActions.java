package com.ec2manager.localaws.ec2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import com.ec2manager.localaws.ec2.QueryParameters.TagSpec;

/** CreateTags and DeleteTags on instances, all-or-nothing like the instance actions. */
final class TagActions {

    private static final int MAX_TAGS = 50;

    private final Fleet fleet;

    TagActions(Fleet fleet) {
        this.fleet = fleet;
    }

    String createTags(Ec2Request request) {
        List<String> ids = resourceIds(request);
        List<TagSpec> tags = request.params().tags();
        if (tags.isEmpty()) {
            throw Ec2Exception.missingParameter("Tag");
        }
        for (TagSpec tag : tags) {
            validate(tag);
        }
        return apply(request, ids, current -> {
            Map<String, String> next = new LinkedHashMap<>(current);
            tags.forEach(tag -> next.put(tag.key(), tag.value() == null ? "" : tag.value()));
            if (next.size() > MAX_TAGS) {
                throw Ec2Exception.client("TagLimitExceeded", "The maximum number of tags per resource is " + MAX_TAGS + ".");
            }
            return next;
        });
    }

    String deleteTags(Ec2Request request) {
        List<String> ids = resourceIds(request);
        List<TagSpec> tags = request.params().tags();
        for (TagSpec tag : tags) {
            if (tag.key().startsWith("aws:")) {
                throw reservedKey(tag.key());
            }
        }
        return apply(request, ids, current -> {
            Map<String, String> next = new LinkedHashMap<>(current);
            if (tags.isEmpty()) {
                // no tags named: every tag the user owns goes
                next.keySet().removeIf(key -> !key.startsWith("aws:"));
            }
            for (TagSpec tag : tags) {
                // a value, even empty, deletes the tag only when it holds that value
                if (tag.value() == null || tag.value().equals(next.get(tag.key()))) {
                    next.remove(tag.key());
                }
            }
            return next;
        });
    }

    private String apply(Ec2Request request, List<String> ids, TagChange change) {
        boolean dryRun = request.dryRun();
        fleet.change(request.region(), request.now(), region -> {
            List<Ec2Instance> current = region.getAll(ids);
            if (dryRun) {
                throw Ec2Exception.dryRun();
            }
            List<Ec2Instance> changed = new ArrayList<>();
            for (Ec2Instance instance : current) {
                Map<String, String> next = change.apply(instance.tags());
                if (!next.equals(instance.tags())) {
                    changed.add(instance.withTags(next));
                }
            }
            changed.forEach(region::put);
            return null;
        });
        return XmlWriter.response(request.action(), request.requestId(), 256).element("return", true).finish();
    }

    private static List<String> resourceIds(Ec2Request request) {
        List<String> raw = request.params().list("ResourceId");
        if (raw.isEmpty()) {
            throw Ec2Exception.missingParameter("ResourceId");
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String id : raw) {
            if (!InstanceIds.wellFormed(id)) {
                // the emulator holds instances only: any other id is not one it can tag
                throw Ec2Exception.client("InvalidID", "The ID '" + id + "' is not valid");
            }
            ids.add(id);
        }
        return new ArrayList<>(ids);
    }

    private static void validate(TagSpec tag) {
        String key = tag.key();
        if (key.isEmpty() || key.length() > 128) {
            throw Ec2Exception.invalidParameterValue("Value ( " + key + " ) for parameter key is invalid. "
                    + "Tag keys must be between 1 and 128 characters");
        }
        if (key.startsWith("aws:")) {
            throw reservedKey(key);
        }
        if (tag.value() != null && tag.value().length() > 256) {
            throw Ec2Exception.invalidParameterValue("Value ( " + tag.value() + " ) for parameter value is invalid. "
                    + "Tag values must be at most 256 characters");
        }
    }

    private static Ec2Exception reservedKey(String key) {
        return Ec2Exception.invalidParameterValue("Value ( " + key + " ) for parameter key is invalid. "
                + "Tag keys starting with 'aws:' are reserved for internal use");
    }

    @FunctionalInterface
    private interface TagChange {
        Map<String, String> apply(Map<String, String> current);
    }
}
