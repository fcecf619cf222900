package com.ec2manager.integrity;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar ec2-manager.jar verify-audit [--from ISO-8601] [--to ISO-8601] [--name=value …]}:
 * the application's own configuration (application.yml, environment, the {@code --name=value}
 * arguments) without its background work, the verifier run once over the range, each finding
 * printed, and exit status 0 only when everything holds. In local mode it uses the running
 * local stack when DynamoDB Local and the S3 emulator answer on their ports, and starts its
 * own otherwise.
 */
public final class VerifyAuditCommand {

    /** The default range reaches as far back as the archive's default retention. */
    private static final Duration DEFAULT_RANGE = Duration.ofDays(400);

    private VerifyAuditCommand() {
    }

    static int run(Class<?> application, String[] args, PrintStream out) {
        Instant to = Instant.now();
        Instant from = null;
        List<String> passed = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--from") && i + 1 < args.length) {
                    from = Instant.parse(args[++i]);
                } else if (arg.startsWith("--from=")) {
                    from = Instant.parse(arg.substring("--from=".length()));
                } else if (arg.equals("--to") && i + 1 < args.length) {
                    to = Instant.parse(args[++i]);
                } else if (arg.startsWith("--to=")) {
                    to = Instant.parse(arg.substring("--to=".length()));
                } else {
                    passed.add(arg);
                }
            }
        } catch (DateTimeParseException e) {
            out.println("verify-audit: --from and --to take ISO-8601 instants, such as 2026-01-31T00:00:00Z");
            return 2;
        }
        if (from == null) {
            from = to.minus(DEFAULT_RANGE);
        }
        boolean stackRunning = answers(setting(passed, "ec2manager.local.host", "127.0.0.1"),
                Integer.parseInt(setting(passed, "ec2manager.local.dynamodb-port", "8000")))
                && answers(setting(passed, "ec2manager.local.host", "127.0.0.1"),
                Integer.parseInt(setting(passed, "ec2manager.local.s3-port", "8002")));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .properties(
                        // the check only reads: no consumer, no digests, no reconcilers
                        "ec2manager.stream.enabled=false",
                        "ec2manager.audit.reconciler.enabled=false",
                        "ec2manager.local.start-stack=" + !stackRunning,
                        // the web layer is part of the configuration; it listens on a free loopback port meanwhile
                        "server.port=0",
                        "server.address=127.0.0.1",
                        "spring.main.banner-mode=off",
                        "logging.level.root=WARN")
                .run(passed.toArray(String[]::new))) {
            VerificationReport report = context.getBean(AuditVerifier.class).verify(from, to);
            report.lines().forEach(out::println);
            return report.holds() ? 0 : 1;
        }
    }

    /** A setting from the arguments, the environment or a system property, before Spring reads them. */
    private static String setting(List<String> args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        String environment = System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", ""));
        return environment != null ? environment : System.getProperty(name, fallback);
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs the command and exits with its status. */
    public static void main(Class<?> application, String[] args) {
        int status = run(application, args, System.out);
        System.exit(status);
    }
}
