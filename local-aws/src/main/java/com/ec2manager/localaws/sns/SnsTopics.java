package com.ec2manager.localaws.sns;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The SNS stand-in's topics and what was published to each (the last {@value #KEPT} messages per
 * topic, in memory), for a person or a test to read instead of a subscriber.
 */
public final class SnsTopics {

    /** Every topic lives in this account. */
    public static final String ACCOUNT = "123456789012";
    static final int KEPT = 1000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    /** One published message as a subscriber would get it. */
    public record Message(String messageId, String topicArn, String subject, String body, Map<String, String> attributes) {
    }

    private final Map<String, Deque<Message>> topics = new ConcurrentHashMap<>();

    /** Creates the topic, or answers the one of that name (CreateTopic is idempotent). */
    String create(String region, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new SnsException(400, "InvalidParameter",
                    "Invalid parameter: Topic Name must be made of only uppercase and lowercase ASCII letters,"
                            + " numbers, underscores, and hyphens, and must be between 1 and 256 characters long.");
        }
        String arn = "arn:aws:sns:" + region + ":" + ACCOUNT + ":" + name;
        topics.putIfAbsent(arn, new ArrayDeque<>());
        return arn;
    }

    List<String> arns() {
        return topics.keySet().stream().sorted().toList();
    }

    String publish(String topicArn, String subject, String body, Map<String, String> attributes) {
        if (body == null || body.isEmpty()) {
            throw new SnsException(400, "InvalidParameter", "Invalid parameter: Empty message");
        }
        if (subject != null && (subject.isEmpty() || subject.length() > 100)) {
            throw new SnsException(400, "InvalidParameter", "Invalid parameter: Subject");
        }
        Deque<Message> messages = topicArn == null ? null : topics.get(topicArn);
        if (messages == null) {
            throw new SnsException(404, "NotFound", "Topic does not exist");
        }
        Message message = new Message(UUID.randomUUID().toString(), topicArn, subject, body, Map.copyOf(attributes));
        synchronized (messages) {
            messages.addLast(message);
            while (messages.size() > KEPT) {
                messages.removeFirst();
            }
        }
        return message.messageId();
    }

    /** What was published to the topic, oldest first; empty when there is no such topic. */
    public List<Message> published(String topicArn) {
        Deque<Message> messages = topics.get(topicArn);
        if (messages == null) {
            return List.of();
        }
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    public Optional<String> arn(String region, String name) {
        String arn = "arn:aws:sns:" + region + ":" + ACCOUNT + ":" + name;
        return topics.containsKey(arn) ? Optional.of(arn) : Optional.empty();
    }
}
