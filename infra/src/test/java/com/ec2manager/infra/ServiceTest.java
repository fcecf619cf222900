package com.ec2manager.infra;

import static com.ec2manager.infra.SynthesizedDeployment.logicalId;
import static com.ec2manager.infra.SynthesizedDeployment.properties;
import static com.ec2manager.infra.SynthesizedDeployment.resourcesOfType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/** The service: HTTPS in front, several healthy tasks, configured through its environment. */
class ServiceTest {

    private static SynthesizedDeployment.Templates templates;
    private static Template service;
    private static Map<?, ?> container;

    @BeforeAll
    static void synthesize() {
        templates = SynthesizedDeployment.standard();
        service = templates.service();
        var containers = (List<?>) properties(service, "AWS::ECS::TaskDefinition").get("ContainerDefinitions");
        assertThat(containers).hasSize(1);
        container = (Map<?, ?>) containers.get(0);
    }

    @Test
    void theLoadBalancerChecksTheActuatorsHealth() {
        var targetGroup = properties(service, "AWS::ElasticLoadBalancingV2::TargetGroup");

        assertThat(targetGroup).containsEntry("HealthCheckPath", "/actuator/health")
                .containsEntry("Matcher", Map.of("HttpCode", "200"))
                .containsEntry("TargetType", "ip")
                .containsEntry("Port", 80);
        assertThat(properties(service, "AWS::ECS::Service").get("LoadBalancers").toString())
                .contains("ContainerName=app", "ContainerPort=8080");
    }

    @Test
    void atLeastTwoTasksRunWithoutStickySessions() {
        var ecsService = properties(service, "AWS::ECS::Service");
        var scaling = properties(service, "AWS::ApplicationAutoScaling::ScalableTarget");
        var targetGroup = properties(service, "AWS::ElasticLoadBalancingV2::TargetGroup");

        assertThat((Integer) ecsService.get("DesiredCount")).isGreaterThanOrEqualTo(2);
        assertThat((Integer) scaling.get("MinCapacity")).isGreaterThanOrEqualTo(2);
        assertThat(SynthesizedDeployment.list(targetGroup.get("TargetGroupAttributes")))
                .contains(Map.of("Key", "stickiness.enabled", "Value", "false"));
        assertThat(ecsService.get("DeploymentConfiguration")).isEqualTo(Map.of(
                "DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true),
                "MaximumPercent", 200,
                "MinimumHealthyPercent", 100));
    }

    @Test
    void fewerThanTwoTasksAreRefused() {
        var app = new App(AppProps.builder()
                .context(Map.of("desiredCount", "1"))
                .build());

        assertThatIllegalArgumentException()
                .isThrownBy(() -> DeploymentSettings.fromContext(app.getNode(), Path.of("/repository")))
                .withMessageContaining("desiredCount must be at least 2");
    }

    @Test
    void tasksRunInPrivateSubnetsWithoutPublicAddresses() {
        var network = (Map<?, ?>) ((Map<?, ?>) properties(service, "AWS::ECS::Service")
                .get("NetworkConfiguration")).get("AwsvpcConfiguration");

        assertThat(network.get("AssignPublicIp")).isEqualTo("DISABLED");
        assertThat(network.get("Subnets").toString()).contains("PrivateSubnet").doesNotContain("PublicSubnet");
    }

    @Test
    void peopleReachTheServiceOverHttpsOnlyWithTheGivenCertificate() {
        var listeners = resourcesOfType(service, "AWS::ElasticLoadBalancingV2::Listener").stream()
                .map(listener -> (Map<?, ?>) listener.get("Properties"))
                .toList();
        var https = listeners.stream().filter(listener -> "HTTPS".equals(listener.get("Protocol"))).toList();
        var http = listeners.stream().filter(listener -> "HTTP".equals(listener.get("Protocol"))).toList();
        var parameter = (Map<?, ?>) service.toJSON().get("Parameters");

        assertThat(listeners).hasSize(2);
        assertThat(https).singleElement().satisfies(listener -> {
            assertThat(listener.get("Port")).isEqualTo(443);
            assertThat(listener.get("Certificates")).isEqualTo(List.of(Map.of("CertificateArn", Map.of("Ref",
                    "CertificateArn"))));
            assertThat((String) listener.get("SslPolicy")).startsWith("ELBSecurityPolicy-TLS13");
        });
        assertThat(http).singleElement().satisfies(listener -> assertThat(listener.get("DefaultActions"))
                .isEqualTo(List.of(Map.of("Type", "redirect", "RedirectConfig",
                        Map.of("Port", "443", "Protocol", "HTTPS", "StatusCode", "HTTP_301")))));
        assertThat(((Map<?, ?>) parameter.get("CertificateArn")).get("Default"))
                .isEqualTo(SynthesizedDeployment.CERTIFICATE_ARN);
    }

    @Test
    void theDomainGetsAnAliasRecordAndIsTheServiceUrl() {
        var record = properties(service, "AWS::Route53::RecordSet");
        var url = (Map<?, ?>) service.findOutputs("ServiceUrl").get("ServiceUrl");

        assertThat(record).containsEntry("Name", SynthesizedDeployment.DOMAIN_NAME + ".")
                .containsEntry("Type", "A")
                .containsEntry("HostedZoneId", "Z0123456789ABCDEFGHIJ");
        assertThat(url.get("Value")).isEqualTo("https://" + SynthesizedDeployment.DOMAIN_NAME);
        assertThat(service.findOutputs("LoadBalancerDnsName")).isNotEmpty();
    }

    @Test
    void theApplicationRunsInAwsModeAgainstTheDeployedTableAndPool() {
        var environment = environment();
        var data = templates.data();

        assertThat(environment).containsEntry("EC2MANAGER_AWS_MODE", "aws")
                .containsEntry("EC2MANAGER_AWS_REGION", Map.of("Ref", "AWS::Region"))
                .containsEntry("EC2MANAGER_AUDIT_CREATE_TABLE", "false")
                .containsEntry("EC2MANAGER_AUDIT_VERIFY_TABLE", "true")
                .containsEntry("EC2MANAGER_INSTANCES_REGIONS", "eu-west-1,us-east-1")
                .containsEntry("SERVER_ADDRESS", "0.0.0.0")
                .containsEntry("SERVER_PORT", "8080");
        // the address the application names in its API metadata: the one people use, over HTTPS
        assertThat(environment).containsEntry("EC2MANAGER_CONSOLE_BASE_URL", "https://ec2.example.com");
        assertThat(templates.importedValue(environment.get("EC2MANAGER_AUDIT_TABLE_NAME")))
                .isEqualTo(Map.of("Ref", SynthesizedDeployment.tableLogicalId(data, AuditTable.TABLE_NAME)));
        assertThat(templates.importedValue(environment.get("EC2MANAGER_IDENTITY_REVOCATION_TABLE")))
                .isEqualTo(Map.of("Ref",
                        SynthesizedDeployment.tableLogicalId(data, ExpiringTable.REVOCATION_TABLE_NAME)));
        assertThat(templates.importedValue(environment.get("EC2MANAGER_CONSOLE_IDEMPOTENCY_TABLE")))
                .isEqualTo(Map.of("Ref",
                        SynthesizedDeployment.tableLogicalId(data, ExpiringTable.IDEMPOTENCY_TABLE_NAME)));
        assertThat(templates.importedValue(environment.get("EC2MANAGER_AUDIT_RECONCILER_CHECKPOINT_TABLE")))
                .isEqualTo(Map.of("Ref",
                        SynthesizedDeployment.tableLogicalId(data, ExpiringTable.RECONCILER_TABLE_NAME)));
        assertThat(templates.importedValue(environment.get("EC2MANAGER_APPROVALS_TABLE")))
                .isEqualTo(Map.of("Ref",
                        SynthesizedDeployment.tableLogicalId(data, ExpiringTable.APPROVALS_TABLE_NAME)));
        assertThat(templates.importedValue(environment.get("EC2MANAGER_SCHEDULES_TABLE")))
                .isEqualTo(Map.of("Ref",
                        SynthesizedDeployment.tableLogicalId(data, ExpiringTable.SCHEDULES_TABLE_NAME)));
        assertThat(templates.importedValue(environment.get("EC2MANAGER_IDENTITY_USER_POOL_ID")))
                .isEqualTo(Map.of("Ref", logicalId(data, "AWS::Cognito::UserPool")));
        assertThat(templates.importedValue(environment.get("EC2MANAGER_IDENTITY_CLIENT_ID")))
                .isEqualTo(Map.of("Ref", logicalId(data, "AWS::Cognito::UserPoolClient")));
        assertThat(((List<?>) container.get("PortMappings")).get(0).toString()).contains("ContainerPort=8080");
    }

    @Test
    void secretsComeFromSecretsManagerAndNeverFromTheEnvironment() {
        var secrets = new HashMap<Object, Object>();
        for (var secret : (List<?>) container.get("Secrets")) {
            secrets.put(((Map<?, ?>) secret).get("Name"), ((Map<?, ?>) secret).get("ValueFrom"));
        }

        assertThat(secrets).containsOnlyKeys("EC2MANAGER_IDENTITY_CLIENT_SECRET",
                "EC2MANAGER_IDENTITY_SESSION_SECRET", "EC2MANAGER_AUDIT_CURSOR_SECRET");
        assertThat(templates.importedValue(secrets.get("EC2MANAGER_IDENTITY_CLIENT_SECRET")))
                .isEqualTo(Map.of("Ref", logicalId(templates.data(), "AWS::SecretsManager::Secret")));
        var generated = resourcesOfType(service, "AWS::SecretsManager::Secret");
        assertThat(generated).hasSize(2).allSatisfy(secret -> {
            var generator = (Map<?, ?>) ((Map<?, ?>) secret.get("Properties")).get("GenerateSecretString");
            assertThat(generator.get("PasswordLength")).isEqualTo(64);
        });
        assertThat(environment().keySet()).noneMatch(name -> name.toString().contains("SECRET"));
    }

    @Test
    void logsGoToACloudWatchLogGroupThatExpires() {
        var logging = (Map<?, ?>) container.get("LogConfiguration");
        var options = (Map<?, ?>) logging.get("Options");

        assertThat(logging.get("LogDriver")).isEqualTo("awslogs");
        assertThat(options.get("awslogs-group")).isEqualTo(Map.of("Ref", logicalId(service, "AWS::Logs::LogGroup")));
        assertThat((Integer) properties(service, "AWS::Logs::LogGroup").get("RetentionInDays")).isPositive();
    }

    @Test
    void theImageIsBuiltFromTheRepositorysDockerfileForTheTasksPlatform() throws Exception {
        var taskDefinition = properties(service, "AWS::ECS::TaskDefinition");
        var assets = new ObjectMapper().readTree(
                templates.assembly().resolve(InfraApp.SERVICE_STACK + ".assets.json").toFile());
        var images = assets.get("dockerImages");

        assertThat(taskDefinition.get("RuntimePlatform"))
                .isEqualTo(Map.of("CpuArchitecture", "X86_64", "OperatingSystemFamily", "LINUX"));
        assertThat(images.size()).isOne();
        var image = images.elements().next();
        assertThat(container.get("Image").toString()).contains(images.fieldNames().next());
        assertThat(image.at("/source/platform").asText()).isEqualTo("linux/amd64");
        assertThat(Path.of(image.at("/source/directory").asText()).resolve("Dockerfile"))
                .isEqualTo(DeploymentSettings.locateRepositoryRoot().resolve("Dockerfile"))
                .isRegularFile();
    }

    private static Map<Object, Object> environment() {
        var environment = new HashMap<Object, Object>();
        for (var variable : (List<?>) container.get("Environment")) {
            environment.put(((Map<?, ?>) variable).get("Name"), ((Map<?, ?>) variable).get("Value"));
        }
        return environment;
    }
}
