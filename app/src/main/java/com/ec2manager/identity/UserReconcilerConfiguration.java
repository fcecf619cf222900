package com.ec2manager.identity;

import java.time.Clock;
import java.time.Duration;

import com.ec2manager.audit.AuditTrail;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** The reconciler of user administration left PENDING, and its timer. */
@Configuration(proxyBeanMethods = false)
class UserReconcilerConfiguration {

    @Bean
    UserActionReconciler userActionReconciler(AuditTrail audit, CognitoGateway cognito, TokenRevocations revocations,
                                              IdentityProperties properties, Clock clock) {
        return new UserActionReconciler(audit, cognito, revocations, properties, clock);
    }

    /** A first pass shortly after start-up, then one after every interval. */
    @Bean
    SchedulingConfigurer userReconcilerSchedule(UserActionReconciler reconciler, IdentityProperties properties) {
        return (ScheduledTaskRegistrar registrar) -> {
            if (properties.reconcilerEnabled()) {
                registrar.addFixedDelayTask(new FixedDelayTask(reconciler::reconcile,
                        properties.reconcilerInterval(), Duration.ofSeconds(5)));
            }
        };
    }
}
