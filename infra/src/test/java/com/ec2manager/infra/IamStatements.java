package com.ec2manager.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.assertions.Template;

/** Every IAM policy statement a template grants, whatever resource carries it. */
record IamStatements(List<Statement> all) {

    /** One Allow/Deny statement with its actions and resources flattened to lists. */
    record Statement(String sid, String effect, List<String> actions, List<Object> resources, Object condition) {

        boolean onlyReads() {
            return actions.stream().allMatch(IamStatements::isReadOnly);
        }

        boolean onEveryResource() {
            return resources.contains("*");
        }
    }

    static IamStatements of(Template template) {
        var statements = new ArrayList<Statement>();
        for (var policy : SynthesizedDeployment.resourcesOfType(template, "AWS::IAM::Policy")) {
            addDocument(statements, properties(policy).get("PolicyDocument"));
        }
        for (var policy : SynthesizedDeployment.resourcesOfType(template, "AWS::IAM::ManagedPolicy")) {
            addDocument(statements, properties(policy).get("PolicyDocument"));
        }
        for (var role : SynthesizedDeployment.resourcesOfType(template, "AWS::IAM::Role")) {
            var inline = properties(role).get("Policies");
            if (inline instanceof List<?> policies) {
                for (var policy : policies) {
                    addDocument(statements, ((Map<?, ?>) policy).get("PolicyDocument"));
                }
            }
        }
        return new IamStatements(List.copyOf(statements));
    }

    /** The statements of the one AWS::IAM::Policy attached to the role with that logical id. */
    static IamStatements ofRole(Template template, String roleLogicalId) {
        var statements = new ArrayList<Statement>();
        for (var policy : SynthesizedDeployment.resourcesOfType(template, "AWS::IAM::Policy")) {
            var roles = (List<?>) properties(policy).get("Roles");
            if (roles.contains(Map.of("Ref", roleLogicalId))) {
                addDocument(statements, properties(policy).get("PolicyDocument"));
            }
        }
        return new IamStatements(List.copyOf(statements));
    }

    /** Describe*, Get* and List* calls change nothing. */
    static boolean isReadOnly(String action) {
        var operation = action.substring(action.indexOf(':') + 1);
        return operation.startsWith("Describe") || operation.startsWith("Get") || operation.startsWith("List");
    }

    Statement withSid(String sid) {
        return all.stream().filter(statement -> sid.equals(statement.sid())).findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid + " in " + all));
    }

    List<String> actions() {
        return all.stream().flatMap(statement -> statement.actions().stream()).toList();
    }

    private static void addDocument(List<Statement> statements, Object document) {
        for (var raw : (List<?>) ((Map<?, ?>) document).get("Statement")) {
            var statement = (Map<?, ?>) raw;
            statements.add(new Statement(
                    (String) statement.get("Sid"),
                    (String) statement.get("Effect"),
                    asList(statement.get("Action")).stream().map(String.class::cast).toList(),
                    asList(statement.get("Resource")),
                    statement.get("Condition")));
        }
    }

    private static List<Object> asList(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return List.copyOf(list);
        }
        return List.of(value);
    }

    private static Map<?, ?> properties(Map<String, Object> resource) {
        return (Map<?, ?>) resource.get("Properties");
    }
}
