package com.ec2manager.notifications;

import java.util.Map;

/**
 * One thing to tell the targets.
 *
 * @param id     the delivery's id, the same on every attempt and after a replay, so receivers drop duplicates
 * @param type   {@code audit.record} or {@code audit.tamper}
 * @param record the audit record (plain JSON values) or the alarm
 * @param text   one line for people (Slack, SNS subject)
 */
record Notification(String id, String type, Map<String, Object> record, String text) {
}
