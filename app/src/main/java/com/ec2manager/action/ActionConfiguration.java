package com.ec2manager.action;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.ec2manager.audit.AuditTrail;
import com.ec2manager.aws.AwsProperties;
import com.ec2manager.aws.MadeAtStart;
import com.ec2manager.aws.ModeDefaults;
import com.ec2manager.limits.AttemptThrottle;
import com.ec2manager.web.ConsoleProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The audited-action kernel, the one reconciler and its one schedule. */
@Configuration(proxyBeanMethods = false)
class ActionConfiguration {

    @Bean
    AbandonedRecords abandonedRecords() {
        return new AbandonedRecords();
    }

    @Bean
    AuditedActions auditedActions(AuditTrail audit, AbandonedRecords abandoned, ConsoleProperties console,
                                  Clock clock) {
        // each key's free refusals, then a wait of 1 minute doubling to at most 15
        RefusalLimits refusals = new RefusalLimits(
                new AttemptThrottle(clock, console.refusalsPerPerson(), Duration.ofMinutes(1), Duration.ofMinutes(15),
                        100_000),
                new AttemptThrottle(clock, console.refusalsPerAddress(), Duration.ofMinutes(1), Duration.ofMinutes(15),
                        100_000));
        return new AuditedActions(audit, abandoned, refusals);
    }

    @Bean
    ReconcilerCheckpoint reconcilerCheckpoint(DynamoDbClient dynamoDb, ReconcilerProperties properties) {
        return new ReconcilerCheckpoint(dynamoDb, properties.checkpointTable(), ReconcilerCheckpoint.ITEM);
    }

    @Bean(bootstrap = Bean.Bootstrap.BACKGROUND)
    MadeAtStart reconcilerCheckpointTable(ReconcilerCheckpoint checkpoint, ReconcilerProperties properties,
                                          ModeDefaults mode) {
        return MadeAtStart.ifModeMakes(mode, properties.checkpointTable(), checkpoint::createTableIfMissing);
    }

    @Bean
    PendingReconciler pendingReconciler(AuditTrail audit, List<PendingJudge> judges, AbandonedRecords abandoned,
                                        ReconcilerCheckpoint checkpoint, ReconcilerProperties properties,
                                        AwsProperties aws, Clock clock) {
        Duration slowest = aws.timeouts().dynamodbCall();
        for (PendingJudge judge : judges) {
            slowest = judge.callTimeout().compareTo(slowest) > 0 ? judge.callTimeout() : slowest;
        }
        PendingReconciler.checkGrace(properties.grace(), slowest);
        return new PendingReconciler(audit, judges, abandoned, checkpoint, properties, clock);
    }

    /** A first pass shortly after start-up, then one after every interval. */
    @Bean
    SchedulingConfigurer reconcilerSchedule(PendingReconciler reconciler, ReconcilerProperties properties) {
        return (ScheduledTaskRegistrar registrar) -> {
            if (properties.enabled()) {
                registrar.addFixedDelayTask(new FixedDelayTask(reconciler::reconcile, properties.interval(),
                        properties.startDelay()));
            }
        };
    }
}
