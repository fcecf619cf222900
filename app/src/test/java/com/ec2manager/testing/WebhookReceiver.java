package com.ec2manager.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A local webhook receiver for the notification tests: records every delivery attempt with its
 * signature headers, answers 500 to the first {@code failures} attempts of each delivery, and 503
 * to everything while it is {@link #down}.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One attempt as it arrived, and what it was answered. */
    public record Delivery(String id, String timestamp, String signature, String body, int status) {
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final int failures;
    private volatile boolean down;

    public WebhookReceiver(int failures) {
        this.failures = failures;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("X-Ec2Manager-Delivery");
            int attempt = attempts.computeIfAbsent(String.valueOf(id), k -> new AtomicInteger()).incrementAndGet();
            int status = down ? 503 : attempt <= failures ? 500 : 204;
            deliveries.add(new Delivery(id, exchange.getRequestHeaders().getFirst("X-Ec2Manager-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Ec2Manager-Signature"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** While down, every attempt is answered 503. */
    public void down(boolean down) {
        this.down = down;
    }

    /** The attempts whose body contains {@code text}, in order. */
    public List<Delivery> about(String text) {
        return deliveries.stream().filter(d -> d.body().contains(text)).toList();
    }

    /** True when an attempt about {@code text} was taken (answered 2xx). */
    public boolean took(String text) {
        return about(text).stream().anyMatch(d -> d.status() / 100 == 2);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
