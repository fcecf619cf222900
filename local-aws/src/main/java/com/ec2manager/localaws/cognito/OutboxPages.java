package com.ec2manager.localaws.cognito;

import java.util.List;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;

/** The outbox as a person reads it ({@code GET /outbox}) and as a script does ({@code GET /outbox.json}). */
final class OutboxPages {

    private final Outbox outbox;
    private final ObjectMapper json;

    OutboxPages(Outbox outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    String json() {
        ArrayNode list = json.createArrayNode();
        for (OutboxMessage m : outbox.messages()) {
            list.addObject().put("id", m.id()).put("sentAt", m.sentAt().toString()).put("from", Outbox.FROM)
                    .put("to", m.to()).put("subject", m.subject()).put("body", m.body());
        }
        return json.writeValueAsString(list);
    }

    String html() {
        List<OutboxMessage> messages = outbox.messages();
        StringBuilder page = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Cognito outbox</title>
                <style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}
                article{border:1px solid #ccc;border-radius:6px;padding:.5rem 1rem;margin:.75rem 0}
                pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}.meta{color:#555;font-size:.9rem}</style>
                </head><body><h1>Cognito outbox</h1>
                """);
        page.append("<p>Messages the local Cognito emulator would have e-mailed, newest first. Files: <code>")
                .append(escape(outbox.folder().toAbsolutePath().toString())).append("</code></p>\n");
        if (messages.isEmpty()) {
            page.append("<p>No messages yet.</p>\n");
        }
        for (OutboxMessage m : messages) {
            page.append("<article><h2>").append(escape(m.subject())).append("</h2><p class=\"meta\">To ")
                    .append(escape(m.to())).append(" · ").append(escape(m.sentAt().toString()))
                    .append("</p><pre>").append(escape(m.body())).append("</pre></article>\n");
        }
        return page.append("</body></html>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
