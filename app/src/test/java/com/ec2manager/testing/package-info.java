/**
 * Test support shared by every feature's integration tests.
 *
 * <ul>
 *   <li>{@link com.ec2manager.testing.LocalStackTestBase}: extend it from a
 *       {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} to run the application against the one
 *       {@link com.ec2manager.testing.TestLocalStack} of the test JVM (free ports, data under
 *       {@code target/test-local-stack/}); or call {@code TestLocalStack.register(registry)} from a
 *       {@code @DynamicPropertySource} of your own.</li>
 *   <li>{@link com.ec2manager.localaws.testing.MutableClock} (from the local-aws test-jar) with
 *       {@code @Import(MutableClockConfiguration.class)}: the application's time, set by the test.</li>
 *   <li>{@link com.ec2manager.testing.RestartableDynamoDbLocal}: a DynamoDB Local of a test's own,
 *       to stop ("DynamoDB is down") and start again on the same port and data folder.</li>
 *   <li>{@link com.ec2manager.testing.DynamoDbClients} and {@link com.ec2manager.testing.FreePorts}.</li>
 * </ul>
 * Test data must not collide in the shared table: use fresh ids (UUIDs), and for queries across
 * users or actions a time window of the test's own (see {@code AuditTrailIT}).
 */
package com.ec2manager.testing;
