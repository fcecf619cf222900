package com.ec2manager.notifications;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook: the notification as JSON (or as a Slack incoming-webhook message), signed so that
 * the receiver can check it and refuse replays: {@code X-Ec2Manager-Timestamp} (epoch seconds)
 * and {@code X-Ec2Manager-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>">}, and
 * {@code X-Ec2Manager-Delivery} (the same on every attempt).
 */
final class WebhookTarget implements NotificationTarget {

    static final String TIMESTAMP = "X-Ec2Manager-Timestamp";
    static final String SIGNATURE = "X-Ec2Manager-Signature";
    static final String DELIVERY = "X-Ec2Manager-Delivery";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NotificationProperties.Webhook webhook;
    private final NotificationRule rule;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    WebhookTarget(NotificationProperties.Webhook webhook, HttpClient http, Duration timeout, Clock clock) {
        this.webhook = webhook;
        this.rule = webhook.rule();
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public String name() {
        return webhook.displayName();
    }

    @Override
    public boolean wants(Notification notification) {
        return notification.type().equals(NotificationDispatcher.TAMPER) || rule.matches(notification.record());
    }

    @Override
    public void send(Notification notification) throws Exception {
        byte[] body = body(notification);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook.url())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(TIMESTAMP, timestamp)
                .header(DELIVERY, notification.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (webhook.secret() != null && !webhook.secret().isEmpty()) {
            request.header(SIGNATURE, "v1=" + signature(webhook.secret(), timestamp, body));
        }
        HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("answered HTTP " + response.statusCode());
        }
    }

    private byte[] body(Notification notification) {
        if (webhook.format() == NotificationProperties.Format.SLACK) {
            return JSON.writeValueAsBytes(Map.of("text", notification.text()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", notification.id());
        json.put("type", notification.type());
        json.put("record", notification.record());
        return JSON.writeValueAsBytes(json);
    }

    /** The hex HMAC-SHA256 of {@code "<timestamp>.<body>"} under {@code secret}. */
    static String signature(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    URI url() {
        return webhook.url();
    }
}
