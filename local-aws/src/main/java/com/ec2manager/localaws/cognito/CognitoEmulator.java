package com.ec2manager.localaws.cognito;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for Amazon Cognito user pools: one pool configured as the seed, served over the
 * Cognito Identity Provider JSON 1.1 API so that the AWS SDK and CLI talk to it as to Cognito.
 * Its state, signing keys and outbox live under {@code <dataDir>/cognito/}.
 */
public final class CognitoEmulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CognitoEmulator.class);

    static {
        // The JDK server writes headers and body in separate segments; with Nagle's algorithm and
        // the client's delayed ACK every answer would wait ~40 ms. Read once, when the server
        // classes load, so it must be set before the first HttpServer in this JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final CognitoEmulatorSettings settings;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI endpoint;
    private final UserPool pool;
    private final Set<String> operations;
    private final CognitoHttpHandler handler;

    private CognitoEmulator(CognitoEmulatorSettings settings, HttpServer server, ExecutorService executor, URI endpoint,
                            UserPool pool, CognitoHttpHandler handler) {
        this.settings = settings;
        this.server = server;
        this.executor = executor;
        this.endpoint = endpoint;
        this.pool = pool;
        this.handler = handler;
        this.operations = handler.operationNames();
    }

    public static CognitoEmulator start(CognitoEmulatorSettings settings) {
        return start(settings, Clock.systemUTC());
    }

    /** Starts the emulator, seeding the pool if the data folder holds none yet. All time comes from {@code clock}. */
    public static CognitoEmulator start(CognitoEmulatorSettings settings, Clock clock) {
        Path dir = settings.dataDir().resolve("cognito").toAbsolutePath();
        ObjectMapper json = JsonMapper.builder().build();
        HttpServer server;
        try {
            Files.createDirectories(dir);
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("the Cognito emulator could not listen on " + settings.host() + ":"
                    + settings.port() + " (is the port free?)", e);
        }
        int port = server.getAddress().getPort();
        URI endpoint = URI.create("http://" + settings.host() + ":" + port);
        String base = settings.issuerBase() != null ? settings.issuerBase() : endpoint.toString();
        String issuer = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/" + settings.userPoolId();

        StateStore store = new StateStore(dir.resolve("state.json"), json);
        PoolState state = store.load().orElse(null);
        boolean fresh = state == null;
        if (fresh) {
            state = new PoolState();
            state.userPoolId = settings.userPoolId();
            state.createdAt = clock.instant();
        } else if (!settings.userPoolId().equals(state.userPoolId)) {
            log.warn("the state in {} was written for pool {}; serving it as {}", dir, state.userPoolId, settings.userPoolId());
        }
        TokenIssuer tokens = new TokenIssuer(dir.resolve("keys.json"), json, issuer, settings.clientId(),
                settings.idTokenValidity(), settings.accessTokenValidity());
        UserPool pool = new UserPool(settings, clock, state, store, new Outbox(dir.resolve("outbox")), tokens);
        if (fresh) {
            seed(pool, settings.seedUsers());
        }
        CognitoHttpHandler handler = new CognitoHttpHandler(pool, json);
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(8, 8, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "cognito-emulator-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        log.info("Cognito emulator listening on {}: pool {}, app client {}, issuer {}, outbox {}/outbox",
                endpoint, settings.userPoolId(), settings.clientId(), issuer, endpoint);
        return new CognitoEmulator(settings, server, executor, endpoint, pool, handler);
    }

    private static void seed(UserPool pool, List<SeedUser> seeds) {
        pool.change(() -> {
            for (SeedUser seed : seeds) {
                pool.policy.check(seed.password());
                PoolUser user = new PoolUser();
                user.username = seed.email();
                user.sub = UUID.randomUUID().toString();
                user.attributes.put("email", seed.email());
                user.attributes.put("email_verified", "true");
                user.attributes.put("given_name", seed.givenName());
                user.attributes.put("family_name", seed.familyName());
                user.attributes.put("custom:role", seed.role());
                if (seed.department() != null) {
                    user.attributes.put("custom:department", seed.department());
                }
                PoolSchema.checkNew(user.attributes);
                user.createdAt = pool.now();
                pool.setPassword(user, seed.password(), PoolUser.CONFIRMED);
                user.groups.add(seed.role());
                pool.add(user);
            }
            return null;
        });
        log.info("Cognito emulator seeded a new pool with {}", seeds);
    }

    /** The base URL to give the SDK as {@code endpointOverride} and the CLI as {@code --endpoint-url}. */
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return endpoint.getPort();
    }

    public String region() {
        return settings.region();
    }

    public String userPoolId() {
        return settings.userPoolId();
    }

    public String clientId() {
        return settings.clientId();
    }

    /** The tokens' {@code iss}: {@code <issuerBase>/<poolId>}. */
    public String issuer() {
        return pool.tokens.issuer();
    }

    /** Where the pool's public keys are served. */
    public URI jwksUri() {
        // served here whatever the issuer says, also when it names Cognito's real one
        return URI.create(endpoint + "/" + settings.userPoolId() + "/.well-known/jwks.json");
    }

    /** The messages Cognito would have e-mailed. */
    public Outbox outbox() {
        return pool.outbox;
    }

    /** The users seeded into a new pool, with the passwords they were given (they may have changed them since). */
    public List<SeedUser> seededUsers() {
        return settings.seedUsers();
    }

    /** The names of the operations the emulator serves. */
    public Set<String> operations() {
        return operations;
    }

    /** Makes every call of {@code operation} (e.g. {@code AdminDisableUser}) meet {@code fault} until healed. */
    public void failOperation(String operation, CognitoFault fault) {
        handler.faults.put(knownOperation(operation), Objects.requireNonNull(fault));
    }

    /**
     * Makes the next {@code times} calls of {@code operation} answer with {@code fault}'s error without
     * acting, e.g. {@link CognitoFault#throttled()}.
     */
    public void failNext(String operation, int times, CognitoFault fault) {
        if (!fault.fails()) {
            throw new IllegalArgumentException("failNext needs a fault that answers an error");
        }
        handler.nextFaults.put(knownOperation(operation), new CognitoHttpHandler.CountedFault(fault,
                new AtomicInteger(times)));
    }

    /**
     * Makes every call of {@code operation} act and then answer only after {@code stall}: a client that
     * gives up sooner never learns that Cognito acted.
     */
    public void stallAfterActing(String operation, Duration stall) {
        handler.stallsAfterActing.put(knownOperation(operation), Objects.requireNonNull(stall));
    }

    /** Ends every fault of {@code operation}. */
    public void healOperation(String operation) {
        handler.faults.remove(operation);
        handler.nextFaults.remove(operation);
        handler.stallsAfterActing.remove(operation);
    }

    public void clearFaults() {
        handler.faults.clear();
        handler.nextFaults.clear();
        handler.stallsAfterActing.clear();
    }

    private String knownOperation(String operation) {
        if (!operations.contains(operation)) {
            throw new IllegalArgumentException("the emulator does not serve " + operation + "; it serves " + operations);
        }
        return operation;
    }

    public CognitoEmulatorSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        log.info("Cognito emulator on {} stopped", endpoint);
    }
}
