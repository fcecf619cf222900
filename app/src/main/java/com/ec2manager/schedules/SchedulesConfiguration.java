package com.ec2manager.schedules;

import java.time.Clock;

import com.ec2manager.action.AuditedActions;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.aws.AwsProperties;
import com.ec2manager.aws.MadeAtStart;
import com.ec2manager.aws.ModeDefaults;
import com.ec2manager.instances.InstanceActions;
import com.ec2manager.instances.InstanceListing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The schedules' table (created in local mode), the service, and the pass that acts on due transitions. */
@Configuration(proxyBeanMethods = false)
class SchedulesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SchedulesConfiguration.class);

    @Bean
    ScheduleStore scheduleStore(DynamoDbClient dynamoDb, SchedulesProperties properties) {
        return new ScheduleStore(dynamoDb, properties.table());
    }

    @Bean(bootstrap = Bean.Bootstrap.BACKGROUND)
    MadeAtStart scheduleTable(ScheduleStore store, SchedulesProperties properties, ModeDefaults mode) {
        return MadeAtStart.ifModeMakes(mode, properties.table(), store::createTableIfMissing);
    }

    @Bean
    Schedules schedules(ScheduleStore store, AuditedActions kernel, AuditTrail audit, InstanceListing listing,
                        InstanceActions actions, SchedulesProperties properties, Clock clock) {
        return new Schedules(store, kernel, audit, listing, actions, properties, clock,
                duration -> Thread.sleep(duration.toMillis()));
    }

    @Bean
    SchedulePendingJudge schedulePendingJudge(ScheduleStore store, AwsProperties aws) {
        return new SchedulePendingJudge(store, aws.timeouts().dynamodbCall());
    }

    @Bean
    StartsOutsideSchedule startsOutsideSchedule(ScheduleStore store, Clock clock) {
        return new StartsOutsideSchedule(store, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "ec2manager.schedules.enabled", havingValue = "true", matchIfMissing = true)
    TransitionPass scheduleTransitionPass(Schedules schedules) {
        return new TransitionPass(schedules);
    }

    /** Every 20 seconds, so that a transition is acted on within its minute. */
    static final class TransitionPass {

        private final Schedules schedules;

        TransitionPass(Schedules schedules) {
            this.schedules = schedules;
        }

        @Scheduled(initialDelay = 20_000, fixedDelay = 20_000)
        void run() {
            try {
                int acted = schedules.runDue();
                if (acted > 0) {
                    log.info("schedules acted on {} instance(s)", acted);
                }
            } catch (RuntimeException e) {
                log.warn("the schedules' pass failed: {}; the next pass catches up", e.toString());
            }
        }
    }
}
