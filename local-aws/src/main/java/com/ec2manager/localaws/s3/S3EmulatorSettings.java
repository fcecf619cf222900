package com.ec2manager.localaws.s3;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the S3 emulator listens and keeps its buckets.
 *
 * @param host    the loopback address it binds to
 * @param port    its port; 0 picks a free one
 * @param dataDir the folder holding one folder per bucket, so objects survive a restart
 */
public record S3EmulatorSettings(String host, int port, Path dataDir) {

    public S3EmulatorSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
    }
}
