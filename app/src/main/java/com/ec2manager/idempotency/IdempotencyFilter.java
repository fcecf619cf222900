package com.ec2manager.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;
import com.ec2manager.web.FailureStatus;
import com.ec2manager.web.ProblemWriter;
import com.ec2manager.web.RequestIdFilter;
import com.ec2manager.web.SignedIn;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes action requests (instances and user administration) safe to repeat. A POST or DELETE to
 * an action path that carries an {@code Idempotency-Key} header (or, from the console's forms, an
 * {@code idempotencyKey} field) is served once per operator and key: a repeat with the same
 * request gets the first answer again (with {@code Idempotent-Replayed: true}) and does not act;
 * the same key with a different request is refused with 422.
 *
 * <p>A key is given up only when its request provably did nothing (a failure of kind
 * UNAVAILABLE: "nothing was done"). When the outcome was unknown (the service did not answer), or
 * the request was cut off by a crash, a repeat asks the audit trail what the first request did:
 * every record settled → the settled outcome is replayed; one still PENDING → 409 with
 * Retry-After until the reconciler settles it; no record (and the first request is over) →
 * nothing was done, and the repeat is served.
 */
class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String FORM_FIELD = "idempotencyKey";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern ACCEPTABLE_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final int MAX_BODY = 1 << 20;
    private static final int MAX_STORED_BODY = 300 * 1024;

    /** After this a request that claimed a key is over (served or cut off): longer than any action request takes. */
    static final java.time.Duration REQUEST_LEASE = java.time.Duration.ofMinutes(10);

    private final IdempotencyStore store;
    private final ProblemWriter problems;
    private final ActionRecords records;
    private final JsonMapper json;
    private final java.time.Clock clock;

    public IdempotencyFilter(IdempotencyStore store, ProblemWriter problems, ActionRecords records, JsonMapper json,
                             java.time.Clock clock) {
        this.store = store;
        this.problems = problems;
        this.records = records;
        this.json = json;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean acts = "POST".equals(request.getMethod()) || "DELETE".equals(request.getMethod());
        return !acts || !(path.startsWith("/api/v1/instances/") || path.startsWith("/instances/")
                || path.equals("/api/v1/users") || path.startsWith("/api/v1/users/")
                || path.equals("/users") || path.startsWith("/users/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String operator = SignedIn.userId().orElse(null);
        boolean form = isForm(request);
        String key = request.getHeader(HEADER);
        HttpServletRequest forwarded = request;
        byte[] body = null;
        if (!form && (key == null || key.isBlank() || operator == null)) {
            // nothing to remember: the body is left to the route (and to the request size limits) unread
            chain.doFilter(request, response);
            return;
        }
        if (!form) {
            body = request.getInputStream().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                refuse(request, response, FailureKind.TOO_LARGE, "The request body is too large.");
                return;
            }
            forwarded = new CachedBodyRequest(request, body);
        } else if (key == null) {
            key = request.getParameter(FORM_FIELD);
        }
        if (key == null || key.isBlank() || operator == null) {
            chain.doFilter(forwarded, response);
            return;
        }
        if (!ACCEPTABLE_KEY.matcher(key).matches()) {
            refuse(request, response, FailureKind.INVALID_INPUT,
                    "The Idempotency-Key must be 1 to 255 visible ASCII characters.");
            return;
        }
        String scopedKey = operator + "#" + key;
        String fingerprint = fingerprint(request, body);
        IdempotencyStore.Entry entry;
        try {
            entry = store.claim(scopedKey, fingerprint, RequestIdFilter.idOf(request));
        } catch (IdempotencyUnavailableException e) {
            problems.write(request, response, e);
            return;
        }
        if (entry instanceof IdempotencyStore.Claimed) {
            serve(forwarded, response, chain, scopedKey);
        } else if (entry instanceof IdempotencyStore.Completed done && done.fingerprint().equals(fingerprint)) {
            replay(response, done);
        } else if (entry instanceof IdempotencyStore.InProgress other && other.fingerprint().equals(fingerprint)) {
            repeat(forwarded, response, chain, operator, scopedKey, fingerprint, other);
        } else {
            refuse(request, response, FailureKind.MISMATCHED_REPEAT,
                    "This Idempotency-Key was used for a different request. Use a new key for a new request.");
        }
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String scopedKey)
            throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean answered = false;
        try {
            chain.doFilter(request, captured);
            answered = true;
        } finally {
            int status = captured.getStatus();
            byte[] answer = captured.getContentAsByteArray();
            FailureKind kind = FailureStatus.answered(request);
            if (answered && kind == FailureKind.UNAVAILABLE) {
                store.release(scopedKey); // the answer said nothing was done, and it is true: a retry may act
            } else if (!answered || kind == FailureKind.OUTCOME_UNKNOWN
                    || answer.length > MAX_STORED_BODY) {
                store.markUnknown(scopedKey); // a retry asks the audit trail what happened
            } else {
                store.complete(scopedKey, status, captured.getContentType(), captured.getHeader(HttpHeaders.LOCATION), answer);
            }
            captured.copyBodyToResponse();
        }
    }

    /** A repeat of a request that has not left an answer to replay: its audit records decide. */
    private void repeat(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String userId,
                        String scopedKey, String fingerprint, IdempotencyStore.InProgress first)
            throws ServletException, IOException {
        boolean over = first.unknown() || first.claimedAt().plus(REQUEST_LEASE).isBefore(clock.instant());
        if (!over) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "2");
            refuse(request, response, FailureKind.CONFLICT,
                    "A request with this Idempotency-Key is still being served. Try again shortly.");
            return;
        }
        List<ActionRecords.Recorded> recorded = first.requestId().isEmpty() ? List.of()
                : records.of(userId, first.requestId(), first.claimedAt().minusSeconds(1));
        if (recorded.isEmpty()) {
            // the first request ended (or was cut off) before it wrote any record: it did nothing
            IdempotencyStore.Entry taken = store.takeOver(scopedKey, fingerprint, RequestIdFilter.idOf(request), first);
            if (taken instanceof IdempotencyStore.Claimed) {
                serve(request, response, chain, scopedKey);
            } else {
                response.setHeader(HttpHeaders.RETRY_AFTER, "2");
                refuse(request, response, FailureKind.CONFLICT,
                        "Another request with this Idempotency-Key has just taken it over. Try again shortly.");
            }
            return;
        }
        if (recorded.stream().anyMatch(r -> !r.settled())) {
            response.setHeader(HttpHeaders.RETRY_AFTER, FailureStatus.RETRY_AFTER_SECONDS);
            refuse(request, response, FailureKind.CONFLICT, "The first request with this Idempotency-Key did not learn "
                    + "whether it took effect; its outcome is being settled from the resource's state. Try again later.");
            return;
        }
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader(REPLAYED, "true");
        response.getWriter().write(json.writeValueAsString(Map.of("replayed", true, "requestId", first.requestId(),
                "outcomes", recorded)));
    }

    private static void replay(HttpServletResponse response, IdempotencyStore.Completed done) throws IOException {
        response.setStatus(done.status());
        if (done.contentType() != null) {
            response.setContentType(done.contentType());
        }
        if (done.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, done.location());
        }
        response.setHeader(REPLAYED, "true");
        response.getOutputStream().write(done.body());
    }

    /** A refusal by its kind: {@code web} decides the status, the problem and the page. */
    private void refuse(HttpServletRequest request, HttpServletResponse response, FailureKind kind, String detail)
            throws IOException {
        problems.write(request, response, new Refusal(kind, detail));
    }

    /** Why the filter refused a request, in the words every feature uses (a failure kind). */
    private static final class Refusal extends ApplicationException {

        Refusal(FailureKind kind, String detail) {
            super(kind, null, detail); // coded by its status, as when the filter chose statuses itself
        }
    }

    /** What makes two requests the same: method, path and body (form fields without the CSRF token and key). */
    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                digest.update(body);
            } else {
                Map<String, String[]> fields = new TreeMap<>(request.getParameterMap());
                fields.remove("_csrf");
                fields.remove(FORM_FIELD);
                fields.forEach((name, values) -> {
                    digest.update(name.getBytes(StandardCharsets.UTF_8));
                    for (String value : values) {
                        digest.update((byte) 0);
                        digest.update(value.getBytes(StandardCharsets.UTF_8));
                    }
                    digest.update((byte) '\n');
                });
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && (type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                || type.startsWith(MediaType.MULTIPART_FORM_DATA_VALUE));
    }


    /** The request with its body read once and served again to the handler. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    try {
                        return in.available() == 0;
                    } catch (IOException e) {
                        return true;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
