package com.ec2manager.localaws.cloudwatch;

/**
 * Where the CloudWatch stand-in listens.
 *
 * @param host the loopback address it binds to
 * @param port its port; 0 picks a free one (tests)
 */
public record CloudWatchEmulatorSettings(String host, int port) {

    public static final int DEFAULT_PORT = 8003;

    public static CloudWatchEmulatorSettings forTests() {
        return new CloudWatchEmulatorSettings("127.0.0.1", 0);
    }
}
