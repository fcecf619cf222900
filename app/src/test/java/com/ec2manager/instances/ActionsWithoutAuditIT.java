package com.ec2manager.instances;

import com.ec2manager.localaws.ec2.Ec2Call;
import com.ec2manager.localaws.ec2.InstanceSnapshot;
import com.ec2manager.testing.RestartableDynamoDbLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** With DynamoDB down, no action reaches EC2: the audit record must come first. */
class ActionsWithoutAuditIT extends InstancesApiTestSupport {

    private static final RestartableDynamoDbLocal dynamoDb = RestartableDynamoDbLocal.start();

    @DynamicPropertySource
    static void ownDynamoDb(DynamicPropertyRegistry registry) {
        registerSharedStack(registry);
        // after the shared stack's settings, so that this DynamoDB is the one used
        registry.add("ec2manager.aws.endpoints.dynamodb", () -> dynamoDb.endpoint().toString());
    }

    @AfterAll
    static void stopDynamoDb() {
        dynamoDb.close();
    }

    @Test
    void withDynamoDbStoppedActionsAnswer503AndEc2SeesNoMutatingCall() throws Exception {
        InstanceSnapshot single = TestEc2.take(TestEc2.plainRunning());
        var bulk = TestEc2.take(3, TestEc2.plainRunning());
        Caller admin = admin();
        dynamoDb.stop();
        try {
            TestEc2.get().clearCalls();

            mvc.perform(postAs(admin, "/api/v1/instances/" + single.instanceId() + "/stop", body("no audit, no action")))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.requestId").isNotEmpty());
            mvc.perform(postAs(admin, "/api/v1/instances/actions", "{\"action\":\"terminate\",\"instanceIds\":[\""
                            + String.join("\",\"", bulk.stream().map(InstanceSnapshot::instanceId).toList())
                            + "\"],\"reason\":\"no audit, no action\"}"))
                    .andExpect(status().isServiceUnavailable());

            assertThat(TestEc2.get().calls()).noneMatch(Ec2Call::mutating);
        } finally {
            dynamoDb.restart();
        }
        assertThat(recordsOf(admin)).isEmpty();
    }
}
