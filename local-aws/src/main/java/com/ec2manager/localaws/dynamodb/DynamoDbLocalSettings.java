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
        // the data lives in SQLite (native memory and the disk), not on the heap: what the heap holds is
        // the requests under way, a few pages of up to 1 MB each; 128 MB leaves room for many at once
        return new DynamoDbLocalSettings(host, port, dataDir, false, 128, Duration.ofSeconds(60));
    }
}
