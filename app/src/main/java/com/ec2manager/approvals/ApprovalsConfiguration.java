package com.ec2manager.approvals;

import java.time.Clock;

import com.ec2manager.action.AuditedActions;
import com.ec2manager.aws.AwsProperties;
import com.ec2manager.aws.MadeAtStart;
import com.ec2manager.aws.ModeDefaults;
import com.ec2manager.identity.users.UserAdministration;
import com.ec2manager.instances.InstanceActions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/** The approvals' table (created in local mode), the service, and the pass that closes expired requests. */
@Configuration(proxyBeanMethods = false)
class ApprovalsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApprovalsConfiguration.class);

    @Bean
    ApprovalStore approvalStore(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb,
                                ApprovalsProperties properties) {
        return new ApprovalStore(dynamoDb, properties.table(), properties.retention());
    }

    @Bean(bootstrap = Bean.Bootstrap.BACKGROUND)
    MadeAtStart approvalTable(ApprovalStore store, ApprovalsProperties properties, ModeDefaults mode) {
        return MadeAtStart.ifModeMakes(mode, properties.table(), store::createTableIfMissing);
    }

    @Bean
    ApprovalPendingJudge approvalPendingJudge(ApprovalStore store, AwsProperties aws) {
        return new ApprovalPendingJudge(store, aws.timeouts().dynamodbCall());
    }

    @Bean
    Approvals approvals(ApprovalStore store, AuditedActions kernel, ObjectProvider<InstanceActions> instanceActions,
                        ObjectProvider<UserAdministration> userAdministration, ApprovalsProperties properties,
                        Clock clock) {
        return new Approvals(store, kernel, instanceActions, userAdministration, properties, clock);
    }

    @Bean
    ExpiryPass approvalExpiryPass(Approvals approvals) {
        return new ExpiryPass(approvals);
    }

    /** Closes requests nobody approved in time; each instance may run it: a request is closed once (a conditional write). */
    static final class ExpiryPass {

        private final Approvals approvals;

        ExpiryPass(Approvals approvals) {
            this.approvals = approvals;
        }

        @Scheduled(initialDelayString = "${ec2manager.approvals.expiry-interval:30s}",
                fixedDelayString = "${ec2manager.approvals.expiry-interval:30s}")
        void run() {
            try {
                int closed = approvals.expireOverdue();
                if (closed > 0) {
                    log.info("closed {} approval request(s) past their expiry", closed);
                }
            } catch (RuntimeException e) {
                log.warn("closing expired approval requests failed: {}; the next pass tries again", e.toString());
            }
        }
    }
}
