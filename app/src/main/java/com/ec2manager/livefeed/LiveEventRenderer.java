package com.ec2manager.livefeed;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.ec2manager.stream.AttributeJson;
import com.ec2manager.stream.AuditChange;
import com.ec2manager.web.ConsoleFormat;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** Turns a changed audit record into what the feeds send: plain JSON, and page fragments. */
final class LiveEventRenderer {

    /** What the dashboard's "Needs attention" lists, as the page itself does. */
    private static final Set<String> ATTENTION = Set.of("FAILED", "DENIED", "PENDING");

    private final ITemplateEngine templates;

    LiveEventRenderer(ITemplateEngine templates) {
        this.templates = templates;
    }

    LiveEvent render(AuditChange change) {
        Map<String, Object> record = AttributeJson.plain(change.newImage());
        Context context = new Context(Locale.ROOT);
        String outcome = text(record.get("outcome"));
        String action = text(record.get("action"));
        Map<?, ?> details = record.get("details") instanceof Map<?, ?> map ? map : Map.of();
        context.setVariable("id", change.sequenceNumber());
        // one id per record, so that its completion replaces the row its pending write added
        context.setVariable("rowId", LiveRowIds.ofItemKey(change.itemKey()));
        context.setVariable("completion", change.kind() == AuditChange.Kind.MODIFY);
        context.setVariable("time", change.timestamp());
        context.setVariable("action", label(action));
        context.setVariable("resourceId", text(record.get("resourceId")));
        context.setVariable("actor", ConsoleFormat.actorOf(text(record.get("userEmail")), text(record.get("userId")),
                text(details.get("schedule"))));
        context.setVariable("outcome", outcome == null ? "PENDING" : outcome);
        context.setVariable("attention", outcome != null && ATTENTION.contains(outcome));
        context.setVariable("region", text(details.get("region")));
        context.setVariable("reason", text(details.get("reason")));
        boolean instance = "EC2_INSTANCE".equals(text(record.get("resourceType")));
        context.setVariable("instanceId", instance ? text(record.get("resourceId")) : null);
        context.setVariable("newState", text(record.get("newState")));
        String html = templates.process("livefeed/event", Set.of("event"), context);
        return new LiveEvent(change.sequenceNumber(), record, html);
    }

    /** {@code STOP_INSTANCE} → {@code Stop instance}. */
    static String label(String action) {
        if (action == null || action.isEmpty()) {
            return "";
        }
        String words = action.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

}
