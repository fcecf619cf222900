package com.ec2manager.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;

/**
 * Synthesizes the app for the tests. Synthesis starts a Node.js process and takes seconds, so the common
 * deployment is synthesized once per test JVM and shared by the test classes.
 */
final class SynthesizedDeployment {

    static final String CERTIFICATE_ARN =
            "arn:aws:acm:eu-west-1:123456789012:certificate/0c1d2e3f-aaaa-bbbb-cccc-123456789012";
    static final String DOMAIN_NAME = "ec2.example.com";

    /** A complete deployment: certificate, domain with its hosted zone, instance regions. */
    static final Map<String, Object> STANDARD_CONTEXT = Map.of(
            "certificateArn", CERTIFICATE_ARN,
            "domainName", DOMAIN_NAME,
            "hostedZoneId", "Z0123456789ABCDEFGHIJ",
            "hostedZoneName", "example.com",
            "instanceRegions", "eu-west-1, us-east-1");

    record Templates(Template data, Template service, Path assembly, List<Annotations> annotations) {

        List<Template> both() {
            return List.of(data, service);
        }

        /** Follows an {@code Fn::ImportValue} of the service stack to the value the data stack exports. */
        Object importedValue(Object value) {
            assertThat(value).isInstanceOf(Map.class);
            var exportName = ((Map<?, ?>) value).get("Fn::ImportValue");
            assertThat(exportName).as("an import from the data stack: %s", value).isNotNull();
            for (var output : data.findOutputs("*").values()) {
                var export = (Map<?, ?>) ((Map<?, ?>) output).get("Export");
                if (export != null && exportName.equals(export.get("Name"))) {
                    return ((Map<?, ?>) output).get("Value");
                }
            }
            throw new AssertionError("the data stack exports no " + exportName);
        }
    }

    private static Templates standard;

    private SynthesizedDeployment() {
    }

    static synchronized Templates standard() {
        if (standard == null) {
            standard = synthesize(STANDARD_CONTEXT);
        }
        return standard;
    }

    static Templates synthesize(Map<String, Object> context) {
        var allContext = new HashMap<>(context);
        // reference the image directory in place instead of copying the built jar into a temporary folder
        allContext.put("aws:cdk:disable-asset-staging", true);
        var app = InfraApp.newApp(null, allContext);
        var stacks = InfraApp.define(app,
                DeploymentSettings.fromContext(app.getNode(), DeploymentSettings.locateRepositoryRoot()));
        var data = Template.fromStack(stacks.data());
        var service = Template.fromStack(stacks.service());
        return new Templates(data, service, Path.of(app.getOutdir()),
                List.of(Annotations.fromStack(stacks.data()), Annotations.fromStack(stacks.service())));
    }

    /** The properties of the one resource of that type; fails unless there is exactly one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> onlyResource(Template template, String type) {
        var found = template.findResources(type);
        assertThat(found).as("resources of type %s", type).hasSize(1);
        return (Map<String, Object>) found.values().iterator().next();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Template template, String type) {
        return (Map<String, Object>) onlyResource(template, type).get("Properties");
    }

    /** The logical id of the one resource of that type. */
    static String logicalId(Template template, String type) {
        var found = template.findResources(type);
        assertThat(found).as("resources of type %s", type).hasSize(1);
        return found.keySet().iterator().next();
    }

    /** A JSON array of the template, typed for AssertJ. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Object jsonArray) {
        assertThat(jsonArray).isInstanceOf(List.class);
        return (List<Object>) jsonArray;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> resourcesOfType(Template template, String type) {
        return template.findResources(type).values().stream()
                .map(resource -> (Map<String, Object>) resource)
                .toList();
    }
}
