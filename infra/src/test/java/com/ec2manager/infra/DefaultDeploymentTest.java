package com.ec2manager.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The app synthesized without any context, as {@code ./mvnw -q -pl infra exec:java} does. */
class DefaultDeploymentTest {

    private static SynthesizedDeployment.Templates templates;
    private static Template service;

    @BeforeAll
    static void synthesize() {
        templates = SynthesizedDeployment.synthesize(Map.of());
        service = templates.service();
    }

    @Test
    void synthesisRaisesNeitherWarningsNorErrors() {
        for (var annotations : templates.annotations()) {
            annotations.hasNoWarning("*", Match.anyValue());
            annotations.hasNoError("*", Match.anyValue());
        }
    }

    @Test
    void withoutContextTheCertificateIsAskedForAtDeployTime() {
        @SuppressWarnings("unchecked")
        var parameter = (Map<String, Object>) ((Map<?, ?>) service.toJSON().get("Parameters")).get("CertificateArn");

        assertThat(parameter).containsEntry("Type", "String").doesNotContainKey("Default");
        assertThat("arn:aws:acm:eu-west-1:123456789012:certificate/0c1d2e3f-aaaa-bbbb-cccc-123456789012")
                .matches((String) parameter.get("AllowedPattern"));
        assertThat("arn:aws:iam::123456789012:server-certificate/example")
                .doesNotMatch((String) parameter.get("AllowedPattern"));
    }

    @Test
    void withoutADomainTheServiceUrlIsTheLoadBalancersAddress() {
        var url = (Map<?, ?>) service.findOutputs("ServiceUrl").get("ServiceUrl");

        assertThat(url.get("Value").toString()).contains("https://", "DNSName");
        assertThat(service.findResources("AWS::Route53::RecordSet")).isEmpty();
    }

    @Test
    void twoTasksRunByDefault() {
        assertThat(SynthesizedDeployment.properties(service, "AWS::ECS::Service")).containsEntry("DesiredCount", 2);
    }

    @Test
    void instanceRegionsAreLeftToTheApplicationUnlessGiven() {
        var container = ((List<?>) SynthesizedDeployment.properties(service, "AWS::ECS::TaskDefinition")
                .get("ContainerDefinitions")).get(0);

        assertThat(container.toString()).doesNotContain("EC2MANAGER_INSTANCES_REGIONS");
    }
}
