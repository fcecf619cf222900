package com.ec2manager.instances;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.ec2manager.aws.AwsEndpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ApiName;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The application's only door to EC2: one {@link Ec2Client} per region, SDK models turned into
 * the application's records and SDK failures into the application's exceptions. Every request
 * names the operator in its user agent ({@code ec2-manager/user:<email>}) so that CloudTrail
 * shows who asked, not only the application's role.
 */
public class Ec2Gateway implements InstanceControl, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Ec2Gateway.class);
    private static final String USER_AGENT_NAME = "ec2-manager";
    private static final int PAGE_SIZE = 1000;

    private final AwsEndpoints endpoints;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final ClientOverrideConfiguration timeouts;
    private final Map<String, Ec2Client> clients = new ConcurrentHashMap<>();

    /**
     * @param timeouts the SDK's attempt and call timeouts for EC2
     */
    public Ec2Gateway(AwsEndpoints endpoints, AwsCredentialsProvider credentials, SdkHttpClient http,
                      ClientOverrideConfiguration timeouts) {
        this.endpoints = endpoints;
        this.credentials = credentials;
        this.http = http;
        this.timeouts = timeouts;
    }

    /** The regions enabled for the account (DescribeRegions, asked in the home region). */
    public List<String> describeRegions(Ec2Caller caller) {
        return call(endpoints.region().id(), client -> client.describeRegions(r -> r
                        .overrideConfiguration(asCaller(caller))))
                .regions().stream().map(software.amazon.awssdk.services.ec2.model.Region::regionName)
                .sorted().toList();
    }

    /** Every instance of a region, all pages. */
    public List<Instance> describeInstances(String region, Ec2Caller caller) {
        return describe(region, caller, DescribeInstancesRequest.builder().maxResults(PAGE_SIZE));
    }

    /** The instances of a region among the given ids; unknown ids are left out, not an error. */
    public List<Instance> describeInstances(String region, Collection<String> ids, Ec2Caller caller) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // A filter rather than InstanceIds: an id missing from this region is not an error here.
        return describe(region, caller, DescribeInstancesRequest.builder().maxResults(PAGE_SIZE)
                .filters(Filter.builder().name("instance-id").values(ids).build()));
    }

    /** One instance of a region, if it is there. */
    @Override
    public Optional<Instance> describeInstance(String region, String id, Ec2Caller caller) {
        return describeInstances(region, List.of(id), caller).stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /** Stop and termination protection of one instance. */
    public Protection describeProtection(String region, String id, Ec2Caller caller) {
        DescribeInstanceAttributeResponse stop = call(region, client -> client.describeInstanceAttribute(r -> r
                .instanceId(id).attribute(InstanceAttributeName.DISABLE_API_STOP)
                .overrideConfiguration(asCaller(caller))));
        DescribeInstanceAttributeResponse termination = call(region, client -> client.describeInstanceAttribute(r -> r
                .instanceId(id).attribute(InstanceAttributeName.DISABLE_API_TERMINATION)
                .overrideConfiguration(asCaller(caller))));
        return new Protection(isTrue(stop.disableApiStop()), isTrue(termination.disableApiTermination()));
    }

    /** Asks EC2 to perform the action; EC2's refusals come back as {@link Ec2CallException}s. */
    @Override
    public StateChange perform(InstanceAction action, String region, String id, InstanceState before,
                               Ec2Caller caller) {
        return switch (action) {
            case START -> {
                var response = call(region, client -> client.startInstances(r -> r.instanceIds(id)
                        .overrideConfiguration(asCaller(caller))));
                yield change(response.startingInstances(), id, before, response.responseMetadata().requestId());
            }
            case STOP -> {
                var response = call(region, client -> client.stopInstances(r -> r.instanceIds(id)
                        .overrideConfiguration(asCaller(caller))));
                yield change(response.stoppingInstances(), id, before, response.responseMetadata().requestId());
            }
            case TERMINATE -> {
                var response = call(region, client -> client.terminateInstances(r -> r.instanceIds(id)
                        .overrideConfiguration(asCaller(caller))));
                yield change(response.terminatingInstances(), id, before, response.responseMetadata().requestId());
            }
            case REBOOT -> {
                // RebootInstances reports no state: the instance stays in the state it had.
                var response = call(region, client -> client.rebootInstances(r -> r.instanceIds(id)
                        .overrideConfiguration(asCaller(caller))));
                yield new StateChange(before, before, response.responseMetadata().requestId());
            }
        };
    }

    private List<Instance> describe(String region, Ec2Caller caller, DescribeInstancesRequest.Builder request) {
        DescribeInstancesRequest first = request.overrideConfiguration(asCaller(caller)).build();
        return call(region, client -> {
            List<Instance> instances = new ArrayList<>();
            for (DescribeInstancesResponse page : client.describeInstancesPaginator(first)) {
                for (Reservation reservation : page.reservations()) {
                    for (var instance : reservation.instances()) {
                        instances.add(toInstance(instance, region));
                    }
                }
            }
            return instances;
        });
    }

    static Instance toInstance(software.amazon.awssdk.services.ec2.model.Instance sdk, String region) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag tag : sdk.tags()) {
            if (tag.key() != null) {
                tags.put(tag.key(), tag.value() == null ? "" : tag.value());
            }
        }
        return new Instance(sdk.instanceId(), tags.get("Name"),
                sdk.state() == null ? InstanceState.UNKNOWN : InstanceState.fromValue(sdk.state().nameAsString()),
                sdk.instanceTypeAsString(),
                sdk.placement() == null ? null : sdk.placement().availabilityZone(),
                region, blankToNull(sdk.privateIpAddress()), blankToNull(sdk.publicIpAddress()),
                blankToNull(sdk.privateDnsName()), blankToNull(sdk.publicDnsName()), sdk.launchTime(),
                platform(sdk), sdk.imageId(), tags, tags.get(Instance.AUTO_SCALING_GROUP_TAG));
    }

    private static String platform(software.amazon.awssdk.services.ec2.model.Instance sdk) {
        if (sdk.platformDetails() != null && !sdk.platformDetails().isBlank()) {
            return sdk.platformDetails();
        }
        // EC2 sets Platform only for Windows; everything else is Linux/UNIX.
        return sdk.platform() != null ? "Windows" : "Linux/UNIX";
    }

    private static StateChange change(List<InstanceStateChange> changes, String id, InstanceState before,
                                      String requestId) {
        return changes.stream().filter(change -> id.equals(change.instanceId())).findFirst()
                .map(change -> new StateChange(
                        change.previousState() == null ? before
                                : InstanceState.fromValue(change.previousState().nameAsString()),
                        change.currentState() == null ? InstanceState.UNKNOWN
                                : InstanceState.fromValue(change.currentState().nameAsString()),
                        requestId))
                .orElse(new StateChange(before, InstanceState.UNKNOWN, requestId));
    }

    private static AwsRequestOverrideConfiguration asCaller(Ec2Caller caller) {
        return AwsRequestOverrideConfiguration.builder()
                .addApiName(ApiName.builder().name(USER_AGENT_NAME).version(caller.label()).build())
                .build();
    }

    private <T> T call(String region, Function<Ec2Client, T> request) {
        Ec2Client client = client(region);
        try {
            return request.apply(client);
        } catch (Ec2Exception e) {
            throw translate(e);
        } catch (SdkClientException e) {
            throw new Ec2UnreachableException("EC2 in " + region + " did not answer: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new Ec2UnavailableException("Ec2Unavailable", "EC2 in " + region + " failed: " + e.getMessage(),
                    null, e);
        }
    }

    static Ec2CallException translate(Ec2Exception e) {
        AwsErrorDetails details = e.awsErrorDetails();
        String code = details != null && details.errorCode() != null ? details.errorCode() : "Unknown";
        String message = details != null && details.errorMessage() != null ? details.errorMessage() : e.getMessage();
        String requestId = e.requestId();
        return switch (code) {
            case "InvalidInstanceID.NotFound" -> new InstanceNotFoundException(code, message, requestId, e);
            case "InvalidInstanceID.Malformed", "InvalidInstanceID" ->
                    new InvalidInstanceIdException(code, message, requestId, e);
            case "IncorrectInstanceState", "IncorrectState", "UnsupportedOperation" ->
                    new IncorrectInstanceStateException(code, message, requestId, e);
            case "OperationNotPermitted" -> new InstanceProtectedException(code, message, requestId, e);
            case "RequestLimitExceeded", "Throttling", "InternalError", "Unavailable", "ServiceUnavailable",
                 "InsufficientInstanceCapacity" -> new Ec2UnavailableException(code, message, requestId, e);
            default -> e.statusCode() >= 500
                    ? new Ec2UnavailableException(code, message, requestId, e)
                    : new Ec2RequestFailedException(code, message, requestId, e);
        };
    }

    private Ec2Client client(String region) {
        return clients.computeIfAbsent(region, this::newClient);
    }

    private Ec2Client newClient(String region) {
        var builder = Ec2Client.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(timeouts);
        if (endpoints.ec2() != null) {
            // Local mode: one emulator for every region; it reads the region from the signature.
            builder.endpointOverride(endpoints.ec2());
        }
        log.debug("EC2 client for {}", region);
        return builder.build();
    }

    private static boolean isTrue(software.amazon.awssdk.services.ec2.model.AttributeBooleanValue value) {
        return value != null && Boolean.TRUE.equals(value.value());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public void close() {
        clients.values().forEach(Ec2Client::close);
        clients.clear();
    }
}
