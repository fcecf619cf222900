package com.ec2manager.testing;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of {@code @SpringBootTest}s that run the application against the one shared
 * {@link TestLocalStack} of the test JVM.
 */
public abstract class LocalStackTestBase {

    @DynamicPropertySource
    static void localStack(DynamicPropertyRegistry registry) {
        TestLocalStack.register(registry);
    }
}
