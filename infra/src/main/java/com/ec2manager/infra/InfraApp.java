package com.ec2manager.infra;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Tags;

/**
 * The CDK app: the stacks {@value #DATA_STACK} (table, user pool) and {@value #SERVICE_STACK} (the service),
 * and {@value #MEMBER_STACK} (the role to deploy in each member account).
 *
 * <p>Run by {@code cdk synth|deploy} (through {@code cdk.json}) or by {@code ./mvnw -q -pl infra exec:java},
 * which writes the cloud assembly to {@code infra/cdk.out/}.
 */
public final class InfraApp {

    public static final String DATA_STACK = "Ec2ManagerData";
    public static final String SERVICE_STACK = "Ec2ManagerService";
    /** Deployed in each member account (or as a StackSet), not with the other two. */
    public static final String MEMBER_STACK = "Ec2ManagerMember";

    /** What the Dockerfile copies into the image, relative to the repository root. */
    static final String APPLICATION_JAR = "app/target/ec2-manager.jar";

    /** Where the Maven build asks for the cloud assembly; the CDK CLI says so with CDK_OUTDIR instead. */
    static final String OUTDIR_PROPERTY = "ec2manager.infra.outdir";

    /**
     * Feature flags fixed in code rather than in cdk.json, so that every way of synthesizing (CLI,
     * Maven, tests) produces the same templates.
     */
    static final Map<String, Object> FEATURE_FLAGS = Map.of(
            "@aws-cdk/aws-iam:minimizePolicies", true,
            "@aws-cdk/aws-ecs:reduceEc2FargateCloudWatchPermissions", true,
            "@aws-cdk/aws-ec2:restrictDefaultSecurityGroup", true,
            "@aws-cdk/aws-ecs:disableExplicitDeploymentControllerForCircuitBreaker", true,
            "@aws-cdk/aws-ecs:removeDefaultDeploymentAlarm", true,
            // never write the app client's secret into the custom resource's logs
            "@aws-cdk/cognito:logUserPoolClientSecretValue", false,
            "@aws-cdk/customresources:installLatestAwsSdkDefault", false,
            // exports stay protected while the service stack imports them: the data stack cannot pull them away
            "@aws-cdk/core:defaultCrossStackReferences", "strong");

    private InfraApp() {
    }

    public static void main(String[] args) {
        var outdir = System.getenv("CDK_OUTDIR") == null ? System.getProperty(OUTDIR_PROPERTY) : null;
        var app = newApp(outdir, Map.of());
        var repositoryRoot = DeploymentSettings.locateRepositoryRoot();
        if (!Files.isRegularFile(repositoryRoot.resolve(APPLICATION_JAR))) {
            // synthesizing is fine without it; building the image at deploy time is not
            System.err.println("warning: " + APPLICATION_JAR + " is missing; the image cannot be built until "
                    + "`./mvnw -q -DskipTests package` has run");
        }
        define(app, DeploymentSettings.fromContext(app.getNode(), repositoryRoot));
        app.synth();
    }

    /**
     * @param outdir  where to write the cloud assembly; {@code null} for the CLI's choice or a temporary folder
     * @param context context values on top of the feature flags (CLI context still applies)
     */
    static App newApp(String outdir, Map<String, Object> context) {
        var allContext = new LinkedHashMap<String, Object>(FEATURE_FLAGS);
        allContext.putAll(context);
        var builder = App.Builder.create().context(allContext);
        if (outdir != null) {
            builder.outdir(outdir);
        }
        return builder.build();
    }

    /** Adds the stacks to the app. */
    static Stacks define(App app, DeploymentSettings settings) {
        var data = new DataStack(app, DATA_STACK);
        var service = new ServiceStack(app, SERVICE_STACK, data, settings);
        var member = new MemberAccountStack(app, MEMBER_STACK);
        Tags.of(app).add("Application", "EC2-Manager");
        return new Stacks(data, service, member);
    }

    record Stacks(DataStack data, ServiceStack service, MemberAccountStack member) {
    }
}
