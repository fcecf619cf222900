package com.ec2manager.localaws.ec2;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.ec2manager.localaws.cloudtrail.CloudTrail;
import com.ec2manager.localaws.cloudtrail.TrailEvent;
import com.ec2manager.localaws.sts.Principal;
import com.ec2manager.localaws.sts.SigV4Credential;
import com.ec2manager.localaws.sts.StsService;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EC2 Query API over HTTP: reads the form, takes the region from the SigV4 credential
 * scope and the account from the access key (STS's issued sessions act in their role's account,
 * any other key in the default account), records the call, applies an injected fault, runs the
 * operation, writes the XML answer or EC2's XML error, and gives every state-changing call to
 * CloudTrail. Signatures are not verified.
 */
final class Ec2HttpHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(Ec2HttpHandler.class);

    private final Map<String, AccountEc2> accounts;
    private final StsService sts;
    private final CloudTrail cloudTrail;
    private final Clock clock;
    final Queue calls = new Queue();
    final List<Consumer<Ec2Call>> listeners = new CopyOnWriteArrayList<>();
    final Map<String, Ec2Fault> faults = new ConcurrentHashMap<>();
    /** Faults for the next calls of an operation (any account and region), with how many calls are left. */
    final Map<String, CountedFault> operationFaults = new ConcurrentHashMap<>();
    /** EC2's request rate limits, when modelled (off unless a test or the local stack turns them on). */
    volatile RequestLimits limits;
    /** Regions whose state-changing calls are performed and then answered only after a stall (an answer lost). */
    final Map<String, java.time.Duration> stallsAfterActing = new ConcurrentHashMap<>();

    record CountedFault(Ec2Fault fault, java.util.concurrent.atomic.AtomicInteger left) {
    }

    Ec2HttpHandler(Map<String, AccountEc2> accounts, StsService sts, CloudTrail cloudTrail, Clock clock) {
        this.accounts = accounts;
        this.sts = sts;
        this.cloudTrail = cloudTrail;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            int status = 200;
            String body;
            Caller caller = new Caller();
            try {
                body = answer(exchange, requestId, caller);
                caller.trail(null);
            } catch (Ec2Exception e) {
                status = e.status();
                body = XmlWriter.error(e.code(), e.getMessage(), requestId);
                caller.trail(e.code());
            } catch (RuntimeException e) {
                log.error("EC2 emulator failed on request {}", requestId, e);
                status = 500;
                body = XmlWriter.error("InternalError", "An internal error has occurred", requestId);
                caller.trail("InternalError");
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

    private String answer(HttpExchange exchange, String requestId, Caller caller) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        QueryParameters params = QueryParameters.parse(exchange.getRequestURI().getRawQuery(), form);
        String action = params.get("Action");
        Instant now = clock.instant();
        Optional<SigV4Credential> credential = SigV4Credential.parse(
                exchange.getRequestHeaders().getFirst("Authorization"), params.get("X-Amz-Credential"))
                .filter(c -> c.service().equals("ec2"));
        String region = credential.map(SigV4Credential::region).orElse(null);
        Principal principal = credential.flatMap(c -> sts.principal(c.accessKeyId())).orElse(null);
        String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
        Ec2Call call = new Ec2Call(requestId, action == null ? "" : action, region, instanceIds(params),
                userAgent == null ? "" : userAgent, now, params.asMap(),
                principal == null ? null : principal.accountId(),
                principal == null ? null : principal.sourceIdentity());
        record(call);
        AccountEc2 account = principal == null ? null : accounts.get(principal.accountId());
        if (account == null || region == null || !account.enabledRegions.contains(region)) {
            // unsigned, expired, an account not served, or a region this account has not enabled
            throw Ec2Exception.authFailure();
        }
        if (call.mutating()) {
            caller.call = call;
            caller.principal = principal;
            caller.sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        }
        if (action == null || action.isEmpty()) {
            throw Ec2Exception.client("MissingAction", "The request must contain the parameter Action");
        }
        CountedFault counted = operationFaults.get(action);
        if (counted != null && counted.left().getAndDecrement() > 0) {
            throw new Ec2Exception(counted.fault().status(), counted.fault().code(), counted.fault().message());
        }
        Ec2Fault fault = faults.get(region);
        if (fault != null) {
            pause(fault);
            if (fault.fails()) {
                throw new Ec2Exception(fault.status(), fault.code(), fault.message());
            }
        }
        RequestLimits limited = limits;
        if (limited != null && !limited.admit(call)) {
            Ec2Fault throttled = Ec2Fault.throttled();
            throw new Ec2Exception(throttled.status(), throttled.code(), throttled.message());
        }
        var answer = account.api.handle(new Ec2Request(requestId, action, region, params, now, account.accountId));
        java.time.Duration stall = stallsAfterActing.get(region);
        if (stall != null && !action.startsWith("Describe")) {
            pause(new Ec2Fault(stall, 0, null, null)); // acted; the answer comes too late for the client
        }
        return answer;
    }

    /** What CloudTrail records of a state-changing call, once its outcome is known. */
    private final class Caller {
        private Ec2Call call;
        private Principal principal;
        private String sourceIp;

        void trail(String errorCode) {
            if (call == null) {
                return;
            }
            cloudTrail.record(new TrailEvent(UUID.randomUUID().toString(), call.operation(), "ec2.amazonaws.com",
                    call.receivedAt(), call.region(), principal, call.instanceIds(), call.userAgent(), sourceIp,
                    call.requestId(), errorCode));
        }
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
