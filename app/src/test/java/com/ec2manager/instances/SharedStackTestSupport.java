package com.ec2manager.instances;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** ITs against the shared DynamoDB Local and EC2 emulator of the test JVM (one Spring context for all). */
abstract class SharedStackTestSupport extends InstancesApiTestSupport {

    @DynamicPropertySource
    static void sharedStack(DynamicPropertyRegistry registry) {
        registerSharedStack(registry);
    }
}
