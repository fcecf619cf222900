package com.ec2manager.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.ec2manager.aws.ControlPlaneCalls;
import com.ec2manager.aws.ModeDefaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;

/**
 * Makes sure, before the application serves, that the audit table exists exactly as the seed
 * says: creates it when missing (if allowed), waits until it and its indexes are ACTIVE, and
 * refuses to start when an existing table differs, naming each difference.
 */
@Component
public class AuditTableBootstrap {

    private static final Logger log = LoggerFactory.getLogger(AuditTableBootstrap.class);

    private final DynamoDbClient dynamoDb;
    private final AuditProperties properties;
    private final boolean create;

    @Autowired
    public AuditTableBootstrap(DynamoDbClient dynamoDb, AuditProperties properties, ModeDefaults mode) {
        this(dynamoDb, properties, properties.createTable(mode.createsTables()));
    }

    public AuditTableBootstrap(DynamoDbClient dynamoDb, AuditProperties properties, boolean create) {
        this.dynamoDb = dynamoDb;
        this.properties = properties;
        this.create = create;
    }

    /** Creates or verifies the table and returns once it is ACTIVE. */
    public void ensureTable() {
        String name = properties.tableName();
        try {
            boolean created = false;
            if (describe().isEmpty()) {
                if (!create) {
                    throw new AuditTableException("The audit table " + name + " does not exist. Create it as the seed "
                            + "specifies (the deployment does this in aws mode) or set ec2manager.audit.create-table=true.");
                }
                created = createTable();
            }
            TableDescription table = awaitActive();
            if (created) {
                dynamoDb.updateTimeToLive(r -> r.overrideConfiguration(ControlPlaneCalls.TIMEOUTS).tableName(name).timeToLiveSpecification(
                        t -> t.attributeName(AuditTableSchema.TTL).enabled(true)));
                log.info("Created the audit table {} with time to live on {}", name, AuditTableSchema.TTL);
            }
            if (created || properties.verifyTable()) {
                verify(table);
            }
        } catch (SdkException e) {
            throw new AuditTableException("The audit table " + name + " could not be checked or created: "
                    + e.getMessage(), e);
        }
    }

    private boolean createTable() {
        try {
            dynamoDb.createTable(AuditTableSchema.createRequest(properties.tableName()).toBuilder()
                    .overrideConfiguration(ControlPlaneCalls.TIMEOUTS).build());
            return true;
        } catch (ResourceInUseException raced) {
            // another instance created it a moment ago; verify theirs
            return false;
        }
    }

    private void verify(TableDescription table) {
        List<String> differences = new ArrayList<>(AuditTableSchema.differences(table));
        TimeToLiveDescription ttl = dynamoDb.describeTimeToLive(r -> r.overrideConfiguration(ControlPlaneCalls.TIMEOUTS).tableName(properties.tableName()))
                .timeToLiveDescription();
        differences.addAll(AuditTableSchema.differences(ttl));
        tags(table).ifPresent(tags -> differences.addAll(AuditTableSchema.differences(tags)));
        if (!differences.isEmpty()) {
            throw new AuditTableException("The audit table " + properties.tableName() + " differs from the seed ("
                    + differences.size() + (differences.size() == 1 ? " difference" : " differences") + "):\n  - "
                    + String.join("\n  - ", differences)
                    + "\nFix or recreate the table, or set ec2manager.audit.verify-table=false to start anyway.");
        }
        log.info("The audit table {} matches the seed", properties.tableName());
    }

    private Optional<List<Tag>> tags(TableDescription table) {
        try {
            List<Tag> tags = new ArrayList<>();
            String next = null;
            do {
                String token = next;
                var page = dynamoDb.listTagsOfResource(r -> r.overrideConfiguration(ControlPlaneCalls.TIMEOUTS).resourceArn(table.tableArn()).nextToken(token));
                tags.addAll(page.tags());
                next = page.nextToken();
            } while (next != null);
            return Optional.of(tags);
        } catch (DynamoDbException e) {
            if (e.statusCode() >= 500 || isThrottling(e)) {
                throw e;
            }
            // DynamoDB Local answers "not supported" to the tagging API
            log.info("The tags of the audit table {} cannot be read here ({}); they were not verified",
                    properties.tableName(), e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean isThrottling(DynamoDbException e) {
        return e.isThrottlingException();
    }

    private Optional<TableDescription> describe() {
        try {
            return Optional.of(dynamoDb.describeTable(r -> r.overrideConfiguration(ControlPlaneCalls.TIMEOUTS).tableName(properties.tableName())).table());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    private TableDescription awaitActive() {
        Instant deadline = Instant.now().plus(properties.tableReadyTimeout());
        while (true) {
            TableDescription table = describe().orElseThrow(() -> new AuditTableException(
                    "The audit table " + properties.tableName() + " disappeared while starting"));
            boolean indexesActive = table.globalSecondaryIndexes().stream()
                    .allMatch(i -> i.indexStatus() == null || i.indexStatus() == IndexStatus.ACTIVE);
            if (table.tableStatus() == TableStatus.ACTIVE && indexesActive) {
                return table;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AuditTableException("The audit table " + properties.tableName() + " did not become ACTIVE within "
                        + properties.tableReadyTimeout() + " (status " + table.tableStatusAsString() + ")");
            }
            sleep(Duration.ofMillis(500));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditTableException("interrupted while waiting for the audit table", e);
        }
    }
}
