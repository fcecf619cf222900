package com.ec2manager.instances;

import java.util.List;
import java.util.UUID;

import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.localaws.testing.MutableClock;
import com.ec2manager.testing.MutableClockConfiguration;
import com.ec2manager.testing.SignedInAs;
import com.ec2manager.testing.TestLocalStack;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The application against DynamoDB Local and the EC2 emulator, called through MockMvc as an
 * operator with a Cognito access token; subclasses say which stack (see {@link SharedStackTestSupport}). Each test acts as a fresh operator, so its audit records are its own.
 */
@SpringBootTest(properties = {
        "ec2manager.audit.reconciler.enabled=false",
        // the tests drive the inventory themselves (tick), on the test's clock
        "ec2manager.inventory.enabled=false",
        "ec2manager.identity.user-pool-id=us-east-1_InstancesIT",
        "ec2manager.identity.client-id=instances-it",
        "ec2manager.identity.issuer-base=http://127.0.0.1:9/"
})
@AutoConfigureMockMvc
@Import(MutableClockConfiguration.class)
abstract class InstancesApiTestSupport {

    /** The shared local stack (DynamoDB Local) and the shared EC2 emulator of the test JVM. */
    static void registerSharedStack(DynamicPropertyRegistry registry) {
        TestLocalStack.register(registry);
        TestEc2.register(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MutableClock clock;

    @Autowired
    AuditTrail audit;

    @Autowired
    Inventory inventory;

    /** The inventory has read every account-region (what the timer does at start-up). */
    @BeforeEach
    void loadInventory() {
        inventory.tick().join();
    }

    /** A signed-in operator of one test. */
    record Caller(String userId, String email, String group) {

        RequestPostProcessor token() {
            return SignedInAs.operator(userId, email, group);
        }
    }

    static Caller admin() {
        String id = UUID.randomUUID().toString();
        return new Caller(id, "admin-" + id.substring(0, 8) + "@example.com", "admin");
    }

    static Caller readonly() {
        String id = UUID.randomUUID().toString();
        return new Caller(id, "reader-" + id.substring(0, 8) + "@example.com", "readonly");
    }

    MockHttpServletRequestBuilder postAs(Caller caller, String path, String json) {
        return post(path).with(caller.token()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .header("User-Agent", "InstancesIT/1.0").content(json);
    }

    MockHttpServletRequestBuilder getAs(Caller caller, String path) {
        return get(path).with(caller.token()).accept(MediaType.APPLICATION_JSON);
    }

    /** Every audit record of the operator, newest first. */
    List<AuditRecord> recordsOf(Caller caller) {
        return audit.query(AuditQuery.byUser(caller.userId()).withLimit(1000)).records();
    }

    static String body(String reason) {
        return reason == null ? "{}" : "{\"reason\":\"" + reason + "\"}";
    }
}
