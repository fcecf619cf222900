package com.ec2manager.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.IgnoreMode;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedFargateService;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedTaskImageOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The application on ECS Fargate behind an internet-facing Application Load Balancer that speaks HTTPS
 * (HTTP only redirects), in a VPC of its own with the tasks in private subnets.
 */
public final class ServiceStack extends Stack {

    public static final int CONTAINER_PORT = 8080;
    public static final String HEALTH_CHECK_PATH = "/actuator/health";
    static final String CONTAINER_NAME = "app";

    private final ApplicationLoadBalancedFargateService service;

    public ServiceStack(Construct scope, String id, DataStack data, DeploymentSettings settings) {
        super(scope, id, StackProps.builder()
                .description("EC2 Manager: the application on ECS Fargate behind an HTTPS load balancer")
                .build());

        var certificateArn = CfnParameter.Builder.create(this, "CertificateArn")
                .type("String")
                .description("ARN of the ACM certificate (in this stack's region) for the HTTPS listener")
                .allowedPattern("arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[A-Za-z0-9-]+")
                .constraintDescription("an ACM certificate ARN")
                .defaultValue(settings.certificateArn())
                .build();

        var vpc = Vpc.Builder.create(this, "Network")
                .maxAzs(2)
                // one NAT gateway per zone: losing a zone must not cut the other zone's tasks off from AWS APIs
                .natGateways(2)
                // audit writes stay inside the VPC and cost no NAT traffic
                .gatewayEndpoints(Map.of("DynamoDb", GatewayVpcEndpointOptions.builder()
                        .service(GatewayVpcEndpointAwsService.DYNAMODB)
                        .build()))
                .build();
        var cluster = Cluster.Builder.create(this, "Cluster")
                .vpc(vpc)
                .containerInsightsV2(ContainerInsights.ENABLED)
                .build();

        var logGroup = LogGroup.Builder.create(this, "Logs")
                .retention(RetentionDays.THREE_MONTHS)
                .build();

        var sessionSecret = generatedSecret("SessionSecret", "EC2 Manager: the key sealing the web session cookie");
        var cursorSecret = generatedSecret("CursorSecret", "EC2 Manager: the HMAC key of audit paging cursors");

        var taskRole = new TaskRole(this, "TaskRole", new TaskRole.Tables(data.auditTable().table(),
                data.revocationTable().table(), data.idempotencyTable().table(), data.reconcilerTable().table(),
                data.approvalsTable().table(), data.schedulesTable().table()),
                new TaskRole.StreamResources(data.auditArchive().bucket(), data.auditArchive().digestKey(),
                        List.copyOf(data.streamTables().all()), StreamConsumerTables.LEASE_OWNER_INDEX),
                data.userDirectory().userPool(), settings.managedTag());

        var builder = ApplicationLoadBalancedFargateService.Builder.create(this, "Service")
                .cluster(cluster)
                .cpu(512)
                .memoryLimitMiB(1024)
                .runtimePlatform(RuntimePlatform.builder()
                        .cpuArchitecture(CpuArchitecture.X86_64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX)
                        .build())
                .desiredCount(settings.desiredCount())
                .taskImageOptions(ApplicationLoadBalancedTaskImageOptions.builder()
                        .containerName(CONTAINER_NAME)
                        .image(ContainerImage.fromAsset(settings.repositoryRoot().toString(), AssetImageProps.builder()
                                // the image is built by `cdk deploy`, from the Dockerfile and the built jar
                                .platform(Platform.LINUX_AMD64)
                                .ignoreMode(IgnoreMode.DOCKER)
                                .build()))
                        .containerPort(CONTAINER_PORT)
                        .environment(environment(data, settings))
                        .secrets(Map.of(
                                "EC2MANAGER_IDENTITY_CLIENT_SECRET",
                                Secret.fromSecretsManager(data.userDirectory().clientSecret()),
                                "EC2MANAGER_IDENTITY_SESSION_SECRET", Secret.fromSecretsManager(sessionSecret),
                                "EC2MANAGER_AUDIT_CURSOR_SECRET", Secret.fromSecretsManager(cursorSecret)))
                        .logDriver(LogDrivers.awsLogs(AwsLogDriverProps.builder()
                                .logGroup(logGroup)
                                .streamPrefix("ec2-manager")
                                .build()))
                        .taskRole(taskRole.role())
                        .build())
                .publicLoadBalancer(true)
                .protocol(ApplicationProtocol.HTTPS)
                .certificate(Certificate.fromCertificateArn(this, "Certificate", certificateArn.getValueAsString()))
                .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                .redirectHttp(true)
                // Spring Boot needs a while to start; do not let the load balancer kill a task still starting
                .healthCheckGracePeriod(Duration.seconds(120))
                // rolling deployments never drop below the desired count, and a failing image rolls back
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                .circuitBreaker(DeploymentCircuitBreaker.builder().rollback(true).build());
        if (settings.hostedZone() != null) {
            builder.domainName(settings.domainName())
                    .domainZone(HostedZone.fromHostedZoneAttributes(this, "Zone", HostedZoneAttributes.builder()
                            .hostedZoneId(settings.hostedZone().id())
                            .zoneName(settings.hostedZone().name())
                            .build()));
        }
        service = builder.build();

        service.getTargetGroup().configureHealthCheck(HealthCheck.builder()
                .path(HEALTH_CHECK_PATH)
                .healthyHttpCodes("200")
                .interval(Duration.seconds(15))
                .timeout(Duration.seconds(5))
                .healthyThresholdCount(2)
                .unhealthyThresholdCount(3)
                .build());
        // the application shuts down gracefully; 30 s lets requests in flight finish
        service.getTargetGroup().setAttribute("deregistration_delay.timeout_seconds", "30");

        service.getService().autoScaleTaskCount(EnableScalingProps.builder()
                        .minCapacity(settings.desiredCount())
                        .maxCapacity(Math.max(6, 2 * settings.desiredCount()))
                        .build())
                .scaleOnCpuUtilization("Cpu", CpuUtilizationScalingProps.builder()
                        .targetUtilizationPercent(60)
                        .build());

        var host = settings.domainName() != null
                ? settings.domainName()
                : service.getLoadBalancer().getLoadBalancerDnsName();
        // the application names this address in its API metadata and challenges, never a request's Host header
        service.getTaskDefinition().getDefaultContainer().addEnvironment("EC2MANAGER_CONSOLE_BASE_URL", "https://" + host);
        CfnOutput.Builder.create(this, "ServiceUrl")
                .value("https://" + host)
                .description("Where people sign in")
                .build();
        CfnOutput.Builder.create(this, "LoadBalancerDnsName")
                .value(service.getLoadBalancer().getLoadBalancerDnsName())
                .description("Point the domain's CNAME or alias here")
                .build();
    }

    public ApplicationLoadBalancedFargateService service() {
        return service;
    }

    private static Map<String, String> environment(DataStack data, DeploymentSettings settings) {
        var environment = new LinkedHashMap<String, String>();
        // the application's own default is loopback (safe on a laptop); in a container it must listen on all
        environment.put("SERVER_ADDRESS", "0.0.0.0");
        environment.put("SERVER_PORT", Integer.toString(CONTAINER_PORT));
        // trust the load balancer's X-Forwarded-For/-Proto: the audit trail records the caller's address
        environment.put("SERVER_FORWARD_HEADERS_STRATEGY", "native");
        environment.put("EC2MANAGER_AWS_MODE", "aws");
        environment.put("EC2MANAGER_AWS_REGION", Stack.of(data).getRegion());
        environment.put("EC2MANAGER_AUDIT_TABLE_NAME", data.auditTable().table().getTableName());
        // the table belongs to the data stack; the application only checks that it is there and as expected
        environment.put("EC2MANAGER_AUDIT_CREATE_TABLE", "false");
        environment.put("EC2MANAGER_AUDIT_VERIFY_TABLE", "true");
        // the application never creates these in aws mode: it uses the data stack's
        environment.put("EC2MANAGER_IDENTITY_REVOCATION_TABLE", data.revocationTable().table().getTableName());
        environment.put("EC2MANAGER_CONSOLE_IDEMPOTENCY_TABLE", data.idempotencyTable().table().getTableName());
        environment.put("EC2MANAGER_AUDIT_RECONCILER_CHECKPOINT_TABLE", data.reconcilerTable().table().getTableName());
        environment.put("EC2MANAGER_APPROVALS_TABLE", data.approvalsTable().table().getTableName());
        environment.put("EC2MANAGER_SCHEDULES_TABLE", data.schedulesTable().table().getTableName());
        environment.put("EC2MANAGER_ARCHIVE_BUCKET", data.auditArchive().bucket().getBucketName());
        environment.put("EC2MANAGER_INTEGRITY_KMS_KEY_ID", data.auditArchive().digestKey().getKeyArn());
        environment.put("EC2MANAGER_STREAM_APPLICATION_NAME", StreamConsumerTables.APPLICATION_NAME);
        environment.put("EC2MANAGER_IDENTITY_USER_POOL_ID", data.userDirectory().userPool().getUserPoolId());
        environment.put("EC2MANAGER_IDENTITY_CLIENT_ID", data.userDirectory().serverClient().getUserPoolClientId());
        if (!settings.instanceRegions().isEmpty()) {
            environment.put("EC2MANAGER_INSTANCES_REGIONS", String.join(",", settings.instanceRegions()));
        }
        return environment;
    }

    private software.amazon.awscdk.services.secretsmanager.Secret generatedSecret(String id, String description) {
        return software.amazon.awscdk.services.secretsmanager.Secret.Builder.create(this, id)
                .description(description)
                .generateSecretString(SecretStringGenerator.builder()
                        .passwordLength(64)
                        .excludePunctuation(true)
                        .build())
                .build();
    }
}
