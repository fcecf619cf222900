package com.ec2manager.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ec2manager.localaws.cognito.CognitoEmulatorSettings;
import com.ec2manager.testing.LocalStackTestBase;
import com.ec2manager.testing.TestLocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests no client should send, as an attacker sends them: first the ones a penetration test
 * found answered with a 500, then at least {@value #FUZZ_REQUESTS} generated malformed requests
 * over every route of every controller, as every kind of caller (anonymous, garbage credentials,
 * readonly and admin by Bearer token and by session cookie). None may be answered with a 5xx or
 * with a body that names an exception. The people acting are made for this test, so that what
 * the fuzzing provokes (failed password checks, sign-outs) touches nobody else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // many refused sign-ins come from this one address; the lock-out is not what is tested here
        "ec2manager.identity.lockout-attempts-per-address=1000000",
        "ec2manager.console.base-url=https://ec2.example.com"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestsIT extends LocalStackTestBase {

    static final int FUZZ_REQUESTS = 10_000;
    /** A ceiling, not the expected time: on two idle cores the requests take about two minutes. */
    static final Duration FUZZ_BUDGET = Duration.ofMinutes(8);
    static final String PASSWORD = "Fuzzed-Person-1!";
    /** A fully qualified exception class name. */
    static final Pattern QUALIFIED = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z]\\w*(Exception|Error)");
    /** A stack frame: {@code at com.example.}… */
    static final Pattern STACK_FRAME = Pattern.compile("\\bat [a-z]+\\.[a-z]+\\.");
    /** Fully qualified class names, stack frames, and exception types in an error body. */
    static final Pattern EXCEPTION = Pattern.compile(QUALIFIED.pattern() + "|" + STACK_FRAME.pattern() + "|\\w+Exception\\b");

    /**
     * Whether a body names an exception ({@link #EXCEPTION}). Every answer's body is checked, pages of
     * tens of kilobytes included: the pattern runs only where plain substring searches find what it
     * needs ("Exception", "Error", "at "), so that checking them all does not slow the fuzzing.
     */
    static Optional<String> namesException(String body, boolean error) {
        if (body.contains("Exception") || body.contains("Error")) {
            // a successful answer may show recorded AWS error codes (the audit trail's errorCode, e.g.
            // CodeMismatchException) as data: there only qualified class names and stack frames count
            Matcher named = (error ? EXCEPTION : QUALIFIED).matcher(body);
            if (named.find()) {
                return Optional.of(named.group());
            }
        }
        Matcher frame = STACK_FRAME.matcher(body);
        for (int at = body.indexOf("at "); at >= 0; at = body.indexOf("at ", at + 3)) {
            if (frame.region(Math.max(0, at - 1), Math.min(body.length(), at + 80)).find()) {
                return Optional.of(frame.group());
            }
        }
        return Optional.empty();
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping controllers;

    String base;
    final Map<String, Identity> identities = new LinkedHashMap<>();

    /** A caller: a Bearer token, or a cookie jar (a browser session) with the form token of its pages. */
    record Identity(String name, String bearer, Map<String, String> cookies, String csrf) {
    }

    @BeforeAll
    void identities() {
        base = "http://127.0.0.1:" + port;
        String admin = createUser("admin");
        String reader = createUser("readonly");
        identities.put("anonymous", new Identity("anonymous", null, null, null));
        identities.put("garbage", new Identity("garbage", "not.a.token", null, null));
        identities.put("admin-bearer", new Identity("admin-bearer", signIn(admin), null, null));
        identities.put("readonly-bearer", new Identity("readonly-bearer", signIn(reader), null, null));
        identities.put("admin-session", session(admin));
        identities.put("readonly-session", session(reader));
    }

    // --- what the penetration test found ----------------------------------------------------------

    @Test
    void multipartWithoutABoundaryOnAnApiRouteIsRefusedNotFailed() {
        for (String path : List.of("/api/v1/users", "/api/v1/instances/actions", "/api/v1/instances/i-0/stop")) {
            Answer response = send("POST", path, identities.get("admin-bearer"),
                    Map.of("Content-Type", "multipart/form-data"), "--x\r\n\r\n");
            assertThat(response.status()).as(path + " " + response.body()).isIn(400, 415);
        }
    }

    @Test
    void aWildcardContentTypeWithAJsonBodyIs415() {
        for (String type : List.of("*/*", "application/*", "text/*")) {
            for (String path : List.of("/api/v1/users", "/api/v1/instances/actions")) {
                Answer response = send("POST", path, identities.get("admin-bearer"),
                        Map.of("Content-Type", type), "{\"action\":\"stop\"}");
                assertThat(response.status()).as(type + " " + path).isEqualTo(415);
                assertThat(response.body()).contains("\"requestId\"");
            }
        }
    }

    @Test
    void aControlCharacterInAQueryParameterNameIs400() {
        Answer response = send("GET", "/api/v1/audit?a%09b=1", identities.get("admin-bearer"),
                Map.of(), null);
        assertThat(response.status()).isEqualTo(400);
        assertThat(send("GET", "/api/v1/audit?limit=1", identities.get("admin-bearer"), Map.of(), null)
                .status()).isEqualTo(200);
    }

    @Test
    void aQueryValueThatDoesNotDecodeIs400OnAPageThatReadsItsParametersInTheTemplate() {
        // the account page reads param.notice while it renders: Tomcat's decoding failure came out there as a 500
        for (String method : List.of("GET", "HEAD")) {
            assertThat(send(method, "/account?a=%&q=%E0%A4%A", identities.get("readonly-session"),
                    Map.of("HX-Request", "true"), null).status()).as(method).isEqualTo(400);
        }
        assertThat(send("GET", "/account?notice=password-changed", identities.get("readonly-session"), Map.of(), null)
                .status()).isEqualTo(200);
    }

    @Test
    void aFormBodyWithABadPercentEscapeOnPutPatchOrDeleteIsNeverA500() {
        for (String method : List.of("PUT", "PATCH", "DELETE")) {
            Answer response = send(method, "/api/v1/users/x", identities.get("anonymous"),
                    Map.of("Content-Type", "application/x-www-form-urlencoded"), "a=%zz&b=%");
            assertThat(response.status()).as(method + " " + response.body()).isBetween(400, 499);
        }
    }

    @Test
    void aSignInWithBracesInNextRedirectsThere() {
        Identity person = identities.get("readonly-session");
        // the person is signed in already; signing in again with next=/{foo} must still redirect
        Matcher email = Pattern.compile("readonly-[0-9a-f]{8}@example\\.com").matcher(person.name());
        assertThat(email.find()).isTrue();
        Answer response = send("POST", "/sign-in", person,
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                form(Map.of("email", email.group(), "password", PASSWORD, "next", "/{foo}", "_csrf", person.csrf())));
        assertThat(response.status()).as(response.body()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo("/%7Bfoo%7D");
    }

    @Test
    void getErrorDirectlyIsNotFound() {
        assertThat(send("GET", "/error", identities.get("anonymous"), Map.of(), null).status()).isEqualTo(404);
        assertThat(send("GET", "/error", identities.get("admin-bearer"), Map.of(), null).status()).isEqualTo(404);
    }

    @Test
    void aBodyOverOneMegabyteIsRefusedOnEveryRouteBeforeItIsRead() {
        for (String path : List.of("/api/v1/users", "/sign-in", "/api/v1/audit")) {
            // ten megabytes announced, a little sent: the answer comes before the rest
            byte[] request = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Authorization: Bearer " + identities.get("admin-bearer").bearer() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + (10 * 1024 * 1024) + "\r\n\r\n"
                    + "{\"givenName\":\"" + "x".repeat(60_000)).getBytes(StandardCharsets.ISO_8859_1);
            Answer answer = parse(exchange(request, false));
            assertThat(answer.status()).as(path).isEqualTo(413);
        }
        // chunked, with no length announced: cut off at the limit while it is read
        StringBuilder chunked = new StringBuilder("POST /api/v1/users HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\nAuthorization: Bearer " + identities.get("admin-bearer").bearer()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        String piece = "{\"givenName\":\"" + "x".repeat(64 * 1024);
        chunked.append(Integer.toHexString(piece.length())).append("\r\n").append(piece).append("\r\n");
        String more = "x".repeat(64 * 1024);
        for (int i = 0; i < 17; i++) {
            chunked.append(Integer.toHexString(more.length())).append("\r\n").append(more).append("\r\n");
        }
        chunked.append("0\r\n\r\n");
        byte[] bytes = chunked.toString().getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parse(exchange(bytes, false)).status()).isEqualTo(413);
        // just under the limit still reaches the route (and is refused there for what it says)
        String fits = "{\"givenName\":\"" + "x".repeat(1024 * 1024 - 64) + "\"}";
        assertThat(send("POST", "/api/v1/users", identities.get("admin-bearer"),
                Map.of("Content-Type", "application/json"), fits).status()).isEqualTo(400);
    }

    @Test
    void aSeventyKilobyteHeaderGetsTheApplicationsErrorPageWithItsSecurityHeaders() {
        String response = raw("GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\nX-Big: "
                + "a".repeat(70 * 1024) + "\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 431");
        assertThat(response).contains("Content-Security-Policy: default-src 'self'").contains("X-Request-Id:")
                .contains("<html");
        String normal = raw("GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\nX-Small: a\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(normal).startsWith("HTTP/1.1 200");
    }

    @Test
    void anAddressTomcatRefusesBeforeTheApplicationIsAnsweredInTheApplicationsWords() {
        // an encoded NUL or slash never reaches the application: the container's own report answers it
        String api = raw("GET /api/v1/schedules/%00/preview HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(api).startsWith("HTTP/1.1 400").contains("Content-Type: application/problem+json")
                .contains("\"code\":\"MalformedRequest\"").contains("\"requestId\":\"")
                .contains("X-Content-Type-Options: nosniff").doesNotContainIgnoringCase("tomcat");
        String page = raw("GET /instances/a%2Fb HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(page).startsWith("HTTP/1.1 400").contains("Content-Type: text/html")
                .contains("<h1>Bad Request</h1>").contains("Request id <code>").doesNotContainIgnoringCase("tomcat");
        // an address the application itself refuses still gets the application's full answer, from inside
        String inside = raw("GET /api/v1/schedules/not-an-id/preview HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(inside).startsWith("HTTP/1.1 401").contains("WWW-Authenticate");
    }

    @Test
    void theHostHeaderReachesNeitherRedirectsNorTheBearerChallenge() {
        String redirect = raw("GET /instances HTTP/1.1\r\nHost: evil.example\r\nAccept: text/html\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(redirect).startsWith("HTTP/1.1 302").doesNotContain("evil.example");
        assertThat(header(redirect, "Location")).startsWith("/sign-in?next=");

        String challenge = raw("GET /api/v1/me HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
        assertThat(challenge).startsWith("HTTP/1.1 401").doesNotContain("evil.example");
        assertThat(header(challenge, "WWW-Authenticate"))
                .contains("resource_metadata=\"https://ec2.example.com/.well-known/oauth-protected-resource\"");

        String metadata = raw("GET /.well-known/oauth-protected-resource HTTP/1.1\r\nHost: evil.example\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(metadata).startsWith("HTTP/1.1 200").doesNotContain("evil.example")
                .contains("\"resource\":\"https://ec2.example.com\"")
                .contains("\"tls_client_certificate_bound_access_tokens\":false")
                .contains("\"authorization_servers\":[\"http://" + TestLocalStack.get().settings().host() + ":");
    }

    // --- generated ----------------------------------------------------------------------------------

    @Test
    void tenThousandGeneratedMalformedRequestsOverEveryRouteAsEveryCallerGetNoServerErrorAndNameNoException()
            throws Exception {
        List<Route> routes = routes();
        assertThat(routes).hasSizeGreaterThan(30);
        long seed = System.nanoTime();
        List<Identity> callers = List.copyOf(identities.values());
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        long deadline = System.nanoTime() + FUZZ_BUDGET.toNanos();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random random = new Random(seed + t);
                workers.add(pool.submit(() -> {
                    while (sent.get() < FUZZ_REQUESTS && System.nanoTime() < deadline && failures.size() < 20) {
                        int n = sent.getAndIncrement();
                        Route route = routes.get(n % routes.size());
                        Identity caller = callers.get((n / routes.size()) % callers.size());
                        Malformed request = Malformed.generate(random, route, caller);
                        Answer response;
                        try {
                            response = send(request.method(), request.target(), caller, request.headers(),
                                    request.body());
                        } catch (UncheckedIOException e) {
                            continue; // the server may close a connection on garbage: that is an answer too
                        }
                        String body = response.body() == null ? "" : response.body();
                        // every answer's body, not only errors': a page or a 2xx answer can leak one too
                        Optional<String> named = namesException(body, response.status() >= 400);
                        if (response.status() >= 500 || named.isPresent()) {
                            failures.add(caller.name() + " " + request + " → " + response.status() + " "
                                    + named.map(name -> "naming " + name + ": ").orElse("")
                                    + body.substring(0, Math.min(300, body.length())));
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).as("seed " + seed).isEmpty();
        assertThat(sent.get()).as("requests sent within " + FUZZ_BUDGET).isGreaterThanOrEqualTo(FUZZ_REQUESTS);
    }

    /** A route of a controller: its path pattern and methods. */
    record Route(String pattern, Set<RequestMethod> methods) {
    }

    private List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        controllers.getHandlerMethods().forEach((info, method) -> {
            if (info.getProducesCondition().getProducibleMediaTypes().contains(MediaType.TEXT_EVENT_STREAM)) {
                return; // an event stream never ends, so a reader would wait forever; LiveFeedApiIT covers it
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals("/sign-out")) {
                    continue; // it works for anything with a session and a form token: it would end the fuzzing
                }
                routes.add(new Route(pattern, methods.isEmpty() ? Set.of(RequestMethod.GET) : methods));
            }
        });
        // what no controller of ours serves but is reachable all the same
        for (String other : List.of("/actuator/health", "/actuator/info", "/css/app.css",
                "/.well-known/oauth-protected-resource", "/not-a-route/{x}")) {
            routes.add(new Route(other, Set.of(RequestMethod.GET)));
        }
        return routes;
    }

    /** One generated request. */
    record Malformed(String method, String target, Map<String, String> headers, String body) {

        static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
        static final List<String> SEGMENTS = List.of("%zz", "%", "%00", "%09", "..%2f..%2f", "{x}", "%7Bx%7D",
                "a".repeat(3_000), "ü%C3", "%E2%80%AE", "i-0000000000000000", "<script>", "'\"", "%20", "a;b=c",
                "admin@example.com%00", "\u00e9t\u00e9", "-1", "99999999999999999999", "null");
        static final List<String> QUERIES = List.of("a%09b=1", "%=1", "a=%", "limit=-1", "limit=abc",
                "cursor=%%%", "cursor=" + "A".repeat(5_000), "from=yesterday", "zone=Mars/Base", "a[0]=1",
                "details.x=1", "user=" + "u".repeat(3_000), "action=FLY", "next=//evil.example", "next=/{foo}",
                "q=%E0%A4%A", "region=../../etc", "state=%00", "sort=;drop", "x=" + "%41".repeat(2_000));
        static final List<String> TYPES = List.of("multipart/form-data", "*/*", "application/*", "text/*",
                "application/json", "application/json; charset=bogus", "a/b/c", ";;;", "application/xml",
                "application/x-www-form-urlencoded", "text/plain", "application/json; boundary=\"");
        static final List<String> BODIES = List.of("", "{", "{}", "[]", "null", "{\"action\":", "%zz=%",
                "a=%zz&b=%", "{\"instanceIds\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}",
                "{\"instanceIds\":[\"" + "i-1".repeat(2_000) + "\"]}", "{\"reason\":" + "9".repeat(400) + "}",
                "{\"email\":\"" + "e".repeat(3_000) + "@x\"}", "--x\r\nContent-Disposition: form-data\r\n\r\n",
                "{\"action\":\"stop\",\"instanceIds\":[null,1,{},[]]}", "\u0000\u0001\u0002", "email=&password=");
        static final List<String> ACCEPTS = List.of("text/html", "application/json", "*/*", "application/xml",
                "text/html;q=garbage", "", "application/problem+json", "image/png");

        static Malformed generate(Random random, Route route, Identity caller) {
            String method = random.nextInt(3) == 0 ? pick(random, METHODS)
                    : route.methods().iterator().next().name();
            StringBuilder path = new StringBuilder();
            for (String part : route.pattern().split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                path.append('/').append(part.startsWith("{") ? pick(random, SEGMENTS) : part);
            }
            if (path.isEmpty()) {
                path.append('/');
            }
            if (random.nextBoolean()) {
                path.append('?').append(pick(random, QUERIES));
                if (random.nextBoolean()) {
                    path.append('&').append(pick(random, QUERIES));
                }
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept", pick(random, ACCEPTS));
            String body = null;
            if (!method.equals("GET") && !method.equals("HEAD") && random.nextInt(4) != 0) {
                headers.put("Content-Type", pick(random, TYPES));
                body = pick(random, BODIES);
                if (caller.csrf() != null && random.nextBoolean() && body.indexOf('=') > 0) {
                    body = body + "&_csrf=" + caller.csrf();
                }
            }
            switch (random.nextInt(6)) {
                case 0 -> headers.put("X-Request-Id", random.nextBoolean() ? "x".repeat(500) : "a b\u00e9");
                case 1 -> headers.put("Idempotency-Key", random.nextBoolean() ? "k".repeat(300) : "\u00e9");
                case 2 -> headers.put("HX-Request", "true");
                default -> { }
            }
            return new Malformed(method, path.toString(), headers, body);
        }

        private static String pick(Random random, List<String> values) {
            return values.get(random.nextInt(values.size()));
        }

        @Override
        public String toString() {
            String shown = method + " " + target + " " + headers;
            return shown.length() > 400 ? shown.substring(0, 400) + "…" : shown;
        }
    }

    // --- plumbing -----------------------------------------------------------------------------------

    /** An answer as it came over the wire. */
    record Answer(int status, String head, String body) {
        String header(String name) {
            return MalformedRequestsIT.header(head, name);
        }
    }

    /**
     * Sends the request byte for byte as given — a malformed target or header included, which no
     * client library would send — on a connection of its own, and reads the whole answer.
     */
    private Answer send(String method, String target, Identity caller, Map<String, String> headers, String body) {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        if (caller.bearer() != null) {
            request.append("Authorization: Bearer ").append(caller.bearer()).append("\r\n");
        }
        if (caller.cookies() != null && !caller.cookies().isEmpty()) {
            request.append("Cookie: ").append(String.join("; ", caller.cookies().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList())).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        byte[] head = request.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + content.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(content, 0, bytes, head.length, content.length);
        Answer answer = parse(exchange(bytes, method.equals("HEAD")));
        if (caller.cookies() != null) {
            keepCookies(answer, caller.cookies());
        }
        return answer;
    }

    /** Whether the bytes hold a whole answer (by its Content-Length or last chunk): the server may keep the line open. */
    private static boolean complete(byte[] raw, boolean headOnly) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (end < 0) {
            return false;
        }
        String head = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
        if (head.startsWith("HTTP/1.1 1")) {
            return false;
        }
        if (headOnly) {
            return true;
        }
        String length = header(head, "Content-Length");
        if (!length.isEmpty()) {
            return raw.length - end - 4 >= Long.parseLong(length);
        }
        if (header(head, "Transfer-Encoding").equalsIgnoreCase("chunked")) {
            return indexOf(raw, "\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), end) >= 0;
        }
        return false;
    }

    private static Answer parse(byte[] raw) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        String head = new String(raw, 0, end < 0 ? raw.length : end, StandardCharsets.ISO_8859_1);
        int at = end < 0 ? raw.length : end + 4;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (header(head, "Transfer-Encoding").equalsIgnoreCase("chunked")) {
            byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
            while (at < raw.length) {
                int lineEnd = indexOf(raw, crlf, at);
                if (lineEnd < 0) {
                    break;
                }
                int size = Integer.parseInt(new String(raw, at, lineEnd - at, StandardCharsets.ISO_8859_1)
                        .split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                body.write(raw, lineEnd + 2, Math.min(size, raw.length - lineEnd - 2));
                at = lineEnd + 2 + size + 2;
            }
        } else {
            body.write(raw, at, raw.length - at);
        }
        Matcher status = Pattern.compile("^HTTP/1\\.1 (\\d{3})").matcher(head);
        return new Answer(status.find() ? Integer.parseInt(status.group(1)) : 0, head,
                body.toString(StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void keepCookies(Answer answer, Map<String, String> jar) {
        Matcher set = Pattern.compile("(?im)^Set-Cookie:\\s*([^=;\\s]+)=([^;\\r\\n]*)(.*)$").matcher(answer.head());
        while (set.find()) {
            if (set.group(2).isEmpty() || set.group(3).contains("Max-Age=0")) {
                jar.remove(set.group(1));
            } else {
                jar.put(set.group(1), set.group(2));
            }
        }
    }

    /** Sends bytes as they are (for Host headers and sizes no client library lets through) and reads the answer. */
    private String raw(String request) {
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        return new String(exchange(bytes, request.startsWith("HEAD ")), StandardCharsets.UTF_8);
    }

    /** Sends the bytes, then reads until the answer is whole (or the server closes the connection). */
    private byte[] exchange(byte[] request, boolean headOnly) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException closedEarly) {
                // the server answered before taking the whole request (e.g. 413): read that answer
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            try {
                int n;
                while (!complete(answer.toByteArray(), headOnly) && (n = in.read(buffer)) >= 0) {
                    answer.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // a reset after the answer: keep what arrived
            }
            return answer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(String response, String name) {
        Matcher matcher = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*)$").matcher(response);
        return matcher.find() ? matcher.group(1).trim() : "";
    }

    private static String form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }

    private Identity session(String email) {
        Map<String, String> jar = new java.util.concurrent.ConcurrentHashMap<>();
        Identity browser = new Identity(email, null, jar, null);
        String csrf = csrfOf(send("GET", "/sign-in", browser, Map.of("Accept", "text/html"), null).body());
        Answer signedIn = send("POST", "/sign-in", browser,
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"),
                form(Map.of("email", email, "password", PASSWORD, "_csrf", csrf)));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(302);
        String account = send("GET", "/account", browser, Map.of("Accept", "text/html"), null).body();
        String role = email.startsWith("admin") ? "admin-session " : "readonly-session ";
        return new Identity(role + email, null, jar, csrfOf(account));
    }

    private static String csrfOf(String html) {
        Matcher matcher = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"")
                .matcher(html);
        assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    private static CognitoIdentityProviderClient cognito() {
        var settings = TestLocalStack.get().settings();
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(URI.create("http://" + settings.host() + ":" + settings.cognitoPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret")))
                .build();
    }

    private static String createUser(String role) {
        String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String pool = CognitoEmulatorSettings.DEFAULT_USER_POOL_ID;
        try (CognitoIdentityProviderClient cognito = cognito()) {
            cognito.adminCreateUser(b -> b.userPoolId(pool).username(email).messageAction(MessageActionType.SUPPRESS)
                    .temporaryPassword("Temporary-Pass-1!")
                    .userAttributes(attribute("email", email), attribute("email_verified", "true"),
                            attribute("given_name", "Fuzz"), attribute("family_name", "Tester"),
                            attribute("custom:role", role)));
            cognito.adminSetUserPassword(b -> b.userPoolId(pool).username(email).password(PASSWORD).permanent(true));
            cognito.adminAddUserToGroup(b -> b.userPoolId(pool).username(email).groupName(role));
        }
        return email;
    }

    private static String signIn(String email) {
        try (CognitoIdentityProviderClient cognito = cognito()) {
            return cognito.initiateAuth(b -> b.clientId(CognitoEmulatorSettings.DEFAULT_CLIENT_ID)
                    .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", email, "PASSWORD", PASSWORD))).authenticationResult()
                    .accessToken();
        }
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }
}
