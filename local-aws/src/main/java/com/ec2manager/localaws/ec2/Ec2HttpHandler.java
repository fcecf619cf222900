package com.ec2manager.localaws.ec2;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EC2 Query API over HTTP: reads the form, takes the region from the SigV4 credential
 * scope, records the call, applies an injected fault, runs the operation, and writes the XML
 * answer or EC2's XML error. Signatures are not verified: any credentials are accepted.
 */
final class Ec2HttpHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(Ec2HttpHandler.class);

    private final Ec2Api api;
    private final Set<String> enabledRegions;
    private final Clock clock;
    final Queue calls = new Queue();
    final List<Consumer<Ec2Call>> listeners = new CopyOnWriteArrayList<>();
    final Map<String, Ec2Fault> faults = new ConcurrentHashMap<>();
    /** Regions whose state-changing calls are performed and then answered only after a stall (an answer lost). */
    final Map<String, java.time.Duration> stallsAfterActing = new ConcurrentHashMap<>();

    Ec2HttpHandler(Ec2Api api, Set<String> enabledRegions, Clock clock) {
        this.api = api;
        this.enabledRegions = Set.copyOf(enabledRegions);
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            int status = 200;
            String body;
            try {
                body = answer(exchange, requestId);
            } catch (Ec2Exception e) {
                status = e.status();
                body = XmlWriter.error(e.code(), e.getMessage(), requestId);
            } catch (RuntimeException e) {
                log.error("EC2 emulator failed on request {}", requestId, e);
                status = 500;
                body = XmlWriter.error("InternalError", "An internal error has occurred", requestId);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            exchange.getResponseHeaders().set("Server", "AmazonEC2");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private String answer(HttpExchange exchange, String requestId) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        QueryParameters params = QueryParameters.parse(exchange.getRequestURI().getRawQuery(), form);
        String action = params.get("Action");
        Instant now = clock.instant();
        String region = SigV4Scope.region(exchange.getRequestHeaders().getFirst("Authorization"),
                params.get("X-Amz-Credential"));
        String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
        record(new Ec2Call(requestId, action == null ? "" : action, region, instanceIds(params),
                userAgent == null ? "" : userAgent, now, params.asMap()));
        if (region == null || !enabledRegions.contains(region)) {
            // unsigned, or signed for a region this account has not enabled: what EC2 answers
            throw Ec2Exception.authFailure();
        }
        if (action == null || action.isEmpty()) {
            throw Ec2Exception.client("MissingAction", "The request must contain the parameter Action");
        }
        Ec2Fault fault = faults.get(region);
        if (fault != null) {
            pause(fault);
            if (fault.fails()) {
                throw new Ec2Exception(fault.status(), fault.code(), fault.message());
            }
        }
        var answer = api.handle(new Ec2Request(requestId, action, region, params, now));
        java.time.Duration stall = stallsAfterActing.get(region);
        if (stall != null && !action.startsWith("Describe")) {
            pause(new Ec2Fault(stall, 0, null, null)); // acted; the answer comes too late for the client
        }
        return answer;
    }

    private void record(Ec2Call call) {
        calls.add(call);
        for (Consumer<Ec2Call> listener : listeners) {
            try {
                listener.accept(call);
            } catch (RuntimeException e) {
                log.warn("an EC2 call listener failed on {}", call.operation(), e);
            }
        }
    }

    private static List<String> instanceIds(QueryParameters params) {
        List<String> ids = new ArrayList<>(params.list("InstanceId"));
        if (ids.isEmpty() && params.get("InstanceId") != null) {
            ids.add(params.get("InstanceId"));
        }
        ids.addAll(params.list("ResourceId"));
        return ids;
    }

    private static void pause(Ec2Fault fault) {
        if (fault.delay().isZero()) {
            return;
        }
        try {
            Thread.sleep(fault.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The most recent calls received, oldest first: at most {@link #KEPT}, so that a long-running
     * local stack does not grow with every call (tests look at a handful).
     */
    static final class Queue {
        static final int KEPT = 1000;
        private final ConcurrentLinkedQueue<Ec2Call> calls = new ConcurrentLinkedQueue<>();
        private final AtomicInteger size = new AtomicInteger();

        void add(Ec2Call call) {
            calls.add(call);
            if (size.incrementAndGet() > KEPT && calls.poll() != null) {
                size.decrementAndGet();
            }
        }

        List<Ec2Call> list() {
            return List.copyOf(calls);
        }

        void clear() {
            while (calls.poll() != null) {
                size.decrementAndGet();
            }
        }
    }
}
