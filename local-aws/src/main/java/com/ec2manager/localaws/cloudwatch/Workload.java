package com.ec2manager.localaws.cloudwatch;

import java.util.Locale;
import java.util.Map;

/**
 * How busy an instance is, which shapes its metric series: production servers work hard,
 * development boxes mostly idle. Only a running instance reports metrics.
 */
public record Workload(Kind kind, boolean running) {

    public enum Kind {
        /** CPU around 40–80 % with a daily rhythm, heavy network traffic. */
        BUSY,
        /** CPU around 10–30 %, moderate traffic. */
        STEADY,
        /** CPU around 0.5–3 %, a trickle of traffic: the instances worth stopping. */
        IDLE
    }

    /** The workload an instance's tags suggest: {@code Environment} production, staging or development. */
    public static Workload fromTags(Map<String, String> tags, boolean running) {
        String environment = tags.getOrDefault("Environment", "").toLowerCase(Locale.ROOT);
        Kind kind = switch (environment) {
            case "production", "prod" -> Kind.BUSY;
            case "development", "dev", "test", "sandbox" -> Kind.IDLE;
            default -> Kind.STEADY;
        };
        return new Workload(kind, running);
    }
}
