package com.ec2manager.notifications;

import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import tools.jackson.databind.json.JsonMapper;

/** An SNS topic (aws mode): the notification's JSON as the message, action and outcome as attributes for subscription filters. */
final class SnsTarget implements NotificationTarget {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SnsClient sns;
    private final String topicArn;
    private final NotificationRule rule;

    SnsTarget(SnsClient sns, String topicArn, NotificationRule rule) {
        this.sns = sns;
        this.topicArn = topicArn;
        this.rule = rule;
    }

    @Override
    public String name() {
        return "sns";
    }

    @Override
    public boolean wants(Notification notification) {
        return notification.type().equals(NotificationDispatcher.TAMPER) || rule.matches(notification.record());
    }

    @Override
    public void send(Notification notification) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", notification.id());
        json.put("type", notification.type());
        json.put("record", notification.record());
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("type", text(notification.type()));
        for (String name : new String[] {"action", "outcome"}) {
            Object value = notification.record().get(name);
            if (value != null) {
                attributes.put(name, text(value.toString()));
            }
        }
        String subject = notification.text().length() > 99 ? notification.text().substring(0, 99) : notification.text();
        sns.publish(r -> r.topicArn(topicArn).subject(subject).message(JSON.writeValueAsString(json))
                .messageAttributes(attributes));
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
