package com.ec2manager.localaws.dynamodb;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run DynamoDB Local.
 *
 * @param host             the loopback address it binds to and is reached at
 * @param port             its port
 * @param dataDir          where its database file lives (ignored when {@code inMemory})
 * @param inMemory         keep nothing on disk (for tests that want a clean table)
 * @param maxHeapMegabytes the heap of its JVM
 * @param startTimeout     how long to wait for it to accept connections
 */
public record DynamoDbLocalSettings(String host, int port, Path dataDir, boolean inMemory,
                                    int maxHeapMegabytes, Duration startTimeout) {

    public static DynamoDbLocalSettings onDisk(String host, int port, Path dataDir) {
        // an audit table of local use is small: 256 MB leaves room for big query pages
        return new DynamoDbLocalSettings(host, port, dataDir, false, 256, Duration.ofSeconds(60));
    }
}
