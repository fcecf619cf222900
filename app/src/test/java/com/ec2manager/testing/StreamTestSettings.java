package com.ec2manager.testing;

import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The shared local stack with the stream consumer on, short intervals, and a bucket and digest
 * writer of the test class's own, so that classes never see each other's archive. The KCL
 * application is one per test JVM: KCL's first start on new lease tables waits for its lease
 * sync and index, and later classes resume from the checkpoint (their contexts are closed after
 * each class, so one consumer runs at a time).
 */
public final class StreamTestSettings {

    private StreamTestSettings() {
    }

    public static void register(DynamicPropertyRegistry registry, String name) {
        TestLocalStack.register(registry);
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        registry.add("ec2manager.stream.enabled", () -> "true");
        registry.add("ec2manager.stream.application-name", () -> "kcl-it");
        registry.add("ec2manager.stream.poll-interval", () -> "200ms");
        registry.add("ec2manager.stream.failover-time", () -> "3s");
        registry.add("ec2manager.archive.bucket", () -> unique.toLowerCase());
        registry.add("ec2manager.archive.interval", () -> "2s");
        registry.add("ec2manager.integrity.writer", () -> "writer-" + unique);
    }
}
