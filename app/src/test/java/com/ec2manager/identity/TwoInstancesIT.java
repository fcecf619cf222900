package com.ec2manager.identity;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.ec2manager.Ec2ManagerApplication;
import com.ec2manager.testing.TestLocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application instances on their own ports, sharing one local stack and one data folder,
 * as behind a load balancer without sticky sessions: whatever one starts, the other finishes.
 */
class TwoInstancesIT {

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() {
        first = start();
        second = start();
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    static ConfigurableApplicationContext start() {
        java.util.List<String> arguments = new java.util.ArrayList<>(TestLocalStack.applicationArguments());
        arguments.add("--server.port=0");
        return new SpringApplication(Ec2ManagerApplication.class).run(arguments.toArray(String[]::new));
    }

    static String base(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void aPersonSignedInThroughOneInstanceIsServedByTheOtherIncludingAFormPost() {
        String a = base(first);
        String b = base(second);
        assertThat(a).isNotEqualTo(b);
        Browser browser = new Browser(a);
        assertThat(SignInPathsIT.signIn(browser, IdentityTestStack.ADMIN, IdentityTestStack.ADMIN_PASSWORD).statusCode())
                .isEqualTo(302);

        // the page comes from A, the form goes to B: session and CSRF token are both understood there
        String csrf = Browser.csrf(browser.get("/account").body());
        browser.at(b);
        assertThat(browser.get("/account").body()).contains(IdentityTestStack.ADMIN);
        String email = "across-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        HttpResponse<String> created = browser.post("/users", Map.of("givenName", "Ivy", "familyName", "Instance",
                "email", email, "role", "readonly", "department", ""), csrf);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        assertThat(browser.follow(created).body()).contains(email);
    }

    @Test
    void aChallengeStartedOnOneInstanceIsAnsweredOnTheOther() {
        String a = base(first);
        String b = base(second);
        String email = "challenge-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        var cognito = IdentityTestStack.cognito();
        cognito.adminCreateUser(r -> r.userPoolId(IdentityTestStack.userPoolId()).username(email)
                .messageAction("SUPPRESS").temporaryPassword("Temporary-Pass-2!")
                .userAttributes(t -> t.name("email").value(email), t -> t.name("email_verified").value("true"),
                        t -> t.name("given_name").value("Cy"), t -> t.name("family_name").value("Cross"),
                        t -> t.name("custom:role").value("readonly")));
        cognito.adminAddUserToGroup(r -> r.userPoolId(IdentityTestStack.userPoolId()).username(email).groupName("readonly"));

        Browser browser = new Browser(a);
        HttpResponse<String> challenged = SignInPathsIT.signIn(browser, email, "Temporary-Pass-2!");
        assertThat(challenged.headers().firstValue("Location").orElseThrow()).contains("/sign-in/new-password");
        browser.at(b);
        String chosen = "Across-Instances-3!";
        HttpResponse<String> done = browser.submit("/sign-in/new-password", "/sign-in/new-password",
                Map.of("password", chosen, "confirmation", chosen, "next", "/account"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        browser.at(a);
        assertThat(browser.get("/account").body()).contains(email);
    }
}
