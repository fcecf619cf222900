package com.ec2manager.infra;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import software.constructs.Node;

/**
 * What differs between one deployment and the next, read from CDK context
 * ({@code cdk deploy -c name=value} or the {@code context} of {@code cdk.json}).
 *
 * @param repositoryRoot  the directory holding the {@code Dockerfile} and {@code app/target/ec2-manager.jar};
 *                        the image is built from it at deploy time
 * @param certificateArn  context {@code certificateArn}: the ACM certificate of the HTTPS listener; when
 *                        absent the stack asks for it as the CloudFormation parameter {@code CertificateArn}
 * @param domainName      context {@code domainName}: the name people use to reach the service; the service
 *                        URL is {@code https://<domainName>}, otherwise the load balancer's DNS name
 * @param hostedZone      contexts {@code hostedZoneId} and {@code hostedZoneName}: the Route 53 zone in which an
 *                        alias record for {@code domainName} is created; without it, point a CNAME at the
 *                        load balancer yourself
 * @param desiredCount    context {@code desiredCount}, default 2, at least 2: the running tasks
 * @param managedTag      context {@code managedTag}, {@code key} or {@code key=value}: when set, the service may
 *                        start, stop, reboot and terminate only instances carrying that tag
 * @param instanceRegions context {@code instanceRegions}: comma-separated regions the application lists
 *                        instances in; empty means the application's default
 */
public record DeploymentSettings(Path repositoryRoot,
                                 String certificateArn,
                                 String domainName,
                                 HostedZoneReference hostedZone,
                                 int desiredCount,
                                 ManagedTag managedTag,
                                 List<String> instanceRegions) {

    /** Several tasks because the application keeps no session state on an instance and must survive one failing. */
    public static final int MINIMUM_TASKS = 2;

    /** System property naming the repository root (set by the Maven build). */
    static final String REPOSITORY_ROOT_PROPERTY = "ec2manager.infra.repository-root";

    public DeploymentSettings {
        if (desiredCount < MINIMUM_TASKS) {
            throw new IllegalArgumentException(
                    "desiredCount must be at least " + MINIMUM_TASKS + ", was " + desiredCount);
        }
        if (hostedZone != null && domainName == null) {
            throw new IllegalArgumentException("hostedZoneId/hostedZoneName need a domainName");
        }
        instanceRegions = List.copyOf(instanceRegions);
    }

    /** A Route 53 hosted zone, named without a lookup so that synthesis needs no AWS credentials. */
    public record HostedZoneReference(String id, String name) {
    }

    static DeploymentSettings fromContext(Node node, Path repositoryRoot) {
        var zoneId = context(node, "hostedZoneId");
        var zoneName = context(node, "hostedZoneName");
        if (zoneId.isPresent() != zoneName.isPresent()) {
            throw new IllegalArgumentException("give both hostedZoneId and hostedZoneName, or neither");
        }
        var zone = zoneId.map(id -> new HostedZoneReference(id, zoneName.orElseThrow())).orElse(null);
        var desired = Optional.ofNullable(node.tryGetContext("desiredCount"))
                .map(DeploymentSettings::parseCount)
                .orElse(MINIMUM_TASKS);
        var regions = context(node, "instanceRegions")
                .map(value -> List.of(value.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        return new DeploymentSettings(repositoryRoot,
                context(node, "certificateArn").orElse(null),
                context(node, "domainName").orElse(null),
                zone,
                desired,
                context(node, "managedTag").map(ManagedTag::parse).orElse(null),
                regions);
    }

    /**
     * The repository root: the system property the Maven build sets, else the nearest directory above the
     * working directory holding both a {@code Dockerfile} and {@code mvnw}.
     */
    static Path locateRepositoryRoot() {
        var configured = System.getProperty(REPOSITORY_ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("Dockerfile")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (a directory with Dockerfile and mvnw); set -D"
                + REPOSITORY_ROOT_PROPERTY);
    }

    private static Optional<String> context(Node node, String key) {
        var value = node.tryGetContext(key);
        if (value == null) {
            return Optional.empty();
        }
        var text = value.toString().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** A whole number, given on the command line (a string) or in cdk.json (a JSON number). */
    private static int parseCount(Object value) {
        try {
            return new BigDecimal(value.toString().strip()).intValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("desiredCount must be a whole number, was '" + value + "'", e);
        }
    }
}
