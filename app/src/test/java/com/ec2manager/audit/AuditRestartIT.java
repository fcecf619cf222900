package com.ec2manager.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import com.ec2manager.Ec2ManagerApplication;
import com.ec2manager.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application in local mode, started twice on the same data folder: what the first
 * run wrote is there in the second, and a paging cursor of the first run still works.
 */
class AuditRestartIT {

    private final Path dataDir = Path.of("target", "restart-it", UUID.randomUUID().toString()).toAbsolutePath();
    private final int dynamoDbPort = FreePorts.next();

    @Test
    void recordsWrittenBeforeARestartOfTheApplicationAreThereAfterIt() {
        String user = "user-" + UUID.randomUUID();
        List<AuditRecord> written = new ArrayList<>();
        String cursor;
        try (ConfigurableApplicationContext first = start()) {
            AuditTrail trail = first.getBean(AuditTrail.class);
            for (int i = 0; i < 5; i++) {
                written.add(trail.begin(new AuditIntent(new AuditActor(user, "a@example.com", null, null),
                        AuditAction.START_INSTANCE, ResourceType.EC2_INSTANCE, "i-" + i, null, "req-" + i)));
            }
            trail.complete(written.get(0).key(), AuditResult.succeeded("pending", "aws-1"));
            cursor = trail.query(AuditQuery.byUser(user).withLimit(2)).nextCursor();
        }
        Collections.reverse(written);

        try (ConfigurableApplicationContext second = start()) {
            AuditTrail trail = second.getBean(AuditTrail.class);
            List<AuditRecord> found = trail.query(AuditQuery.byUser(user)).records();
            assertThat(found).extracting(AuditRecord::key).containsExactlyElementsOf(
                    written.stream().map(AuditRecord::key).toList());
            assertThat(found.get(4).outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
            assertThat(trail.query(AuditQuery.byUser(user).withLimit(2).withCursor(cursor)).records())
                    .extracting(AuditRecord::key)
                    .containsExactly(written.get(2).key(), written.get(3).key());
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(Ec2ManagerApplication.class)
                .properties(
                        "server.port=0",
                        "ec2manager.aws.mode=local",
                        "ec2manager.local.start-stack=true",
                        "ec2manager.local.data-dir=" + dataDir,
                        "ec2manager.local.dynamodb-port=" + dynamoDbPort,
                        "ec2manager.local.ec2-port=" + FreePorts.next(),
                        "ec2manager.local.cognito-port=" + FreePorts.next(),
                        "ec2manager.local.s3-port=" + FreePorts.next(),
                        "ec2manager.local.cloudwatch-port=" + FreePorts.next(),
                        "ec2manager.stream.enabled=false")
                .run();
    }
}
