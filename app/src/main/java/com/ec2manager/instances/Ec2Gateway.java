package com.ec2manager.instances;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.ec2manager.accounts.AccountSessions;
import com.ec2manager.accounts.AwsAccount;
import com.ec2manager.aws.AttemptLedger;
import com.ec2manager.aws.AwsEndpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ApiName;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceStatusRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceStatusResponse;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * The application's only door to EC2: one {@link Ec2Client} per region (every account goes
 * through it, each request with its account's credentials), SDK models turned into the
 * application's records and SDK failures into the application's exceptions. Listing uses the
 * application's own session in the account; a call made for an operator uses the operator's
 * session, whose SourceIdentity names them. Every request also names its caller in the user agent
 * ({@code ec2-manager/user:<email>}). Throttled calls are retried with the SDK's standard backoff.
 */
public class Ec2Gateway implements InstanceControl, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Ec2Gateway.class);
    private static final String USER_AGENT_NAME = "ec2-manager";
    private static final int PAGE_SIZE = 1000;
    /** EC2 takes at most 200 values in one filter. */
    static final int IDS_PER_CALL = 200;

    private final AwsEndpoints endpoints;
    private final AccountSessions sessions;
    private final SdkHttpClient http;
    private final ClientOverrideConfiguration timeouts;
    private final Map<String, Ec2Client> clients = new ConcurrentHashMap<>();

    /**
     * @param timeouts the SDK's attempt and call timeouts for EC2
     */
    Ec2Gateway(AwsEndpoints endpoints, AccountSessions sessions, SdkHttpClient http,
                      ClientOverrideConfiguration timeouts) {
        this.endpoints = endpoints;
        this.sessions = sessions;
        this.http = http;
        this.timeouts = timeouts;
    }

    /** The regions enabled for the account (DescribeRegions, asked in the home region). */
    List<String> describeRegions(AwsAccount account, Ec2Caller caller) {
        AccountRegion home = new AccountRegion(account, endpoints.region().id());
        return call(home, client -> client.describeRegions(r -> r
                        .overrideConfiguration(asCaller(home, caller))))
                .regions().stream().map(software.amazon.awssdk.services.ec2.model.Region::regionName)
                .sorted().toList();
    }

    /** Every instance of an account's region, all pages of 1,000. */
    public List<Instance> describeInstances(AccountRegion where, Ec2Caller caller) {
        return describeInstances(where, caller, () -> { });
    }

    /** Every instance of an account's region, all pages of 1,000, running {@code beforeEachCall} before each page. */
    List<Instance> describeInstances(AccountRegion where, Ec2Caller caller, Runnable beforeEachCall) {
        return describe(where, caller, DescribeInstancesRequest.builder().maxResults(PAGE_SIZE), beforeEachCall);
    }

    /** The instances of a region among the given ids; unknown ids are left out, not an error. */
    List<Instance> describeInstances(AccountRegion where, Collection<String> ids, Ec2Caller caller) {
        return describeInstances(where, ids, caller, () -> { });
    }

    /** As {@link #describeInstances(AccountRegion, Collection, Ec2Caller)}, running {@code beforeEachCall} before each call. */
    List<Instance> describeInstances(AccountRegion where, Collection<String> ids, Ec2Caller caller,
                                            Runnable beforeEachCall) {
        List<String> distinct = ids.stream().distinct().toList();
        List<Instance> found = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += IDS_PER_CALL) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + IDS_PER_CALL));
            // A filter rather than InstanceIds: an id missing from this region is not an error here.
            found.addAll(describe(where, caller, DescribeInstancesRequest.builder().maxResults(PAGE_SIZE)
                    .filters(Filter.builder().name("instance-id").values(chunk).build()), beforeEachCall));
        }
        return found;
    }

    /** One instance of a region, if it is there. */
    @Override
    public Optional<Instance> describeInstance(AccountRegion where, String id, Ec2Caller caller) {
        return describeInstances(where, List.of(id), caller).stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /** The status checks of every instance of a region (DescribeInstanceStatus, all instances, all pages). */
    Map<String, Instance.StatusChecks> describeStatusChecks(AccountRegion where, Ec2Caller caller,
                                                                   Runnable beforeEachCall) {
        DescribeInstanceStatusRequest first = DescribeInstanceStatusRequest.builder().includeAllInstances(true)
                .maxResults(PAGE_SIZE).overrideConfiguration(asCaller(where, caller)).build();
        return call(where, client -> {
            Map<String, Instance.StatusChecks> checks = new HashMap<>();
            String token = null;
            do {
                beforeEachCall.run();
                DescribeInstanceStatusResponse page = client.describeInstanceStatus(first.toBuilder().nextToken(token).build());
                token = page.nextToken();
                for (InstanceStatus status : page.instanceStatuses()) {
                    checks.put(status.instanceId(), new Instance.StatusChecks(
                            status.systemStatus() == null ? null : status.systemStatus().statusAsString(),
                            status.instanceStatus() == null ? null : status.instanceStatus().statusAsString()));
                }
            } while (token != null && !token.isEmpty());
            return checks;
        });
    }

    /** Stop and termination protection of one instance. */
    Protection describeProtection(AccountRegion where, String id, Ec2Caller caller) {
        DescribeInstanceAttributeResponse stop = call(where, client -> client.describeInstanceAttribute(r -> r
                .instanceId(id).attribute(InstanceAttributeName.DISABLE_API_STOP)
                .overrideConfiguration(asCaller(where, caller))));
        DescribeInstanceAttributeResponse termination = call(where, client -> client.describeInstanceAttribute(r -> r
                .instanceId(id).attribute(InstanceAttributeName.DISABLE_API_TERMINATION)
                .overrideConfiguration(asCaller(where, caller))));
        return new Protection(isTrue(stop.disableApiStop()), isTrue(termination.disableApiTermination()));
    }

    /** Asks EC2 to perform the action; EC2's refusals come back as {@link Ec2CallException}s. */
    @Override
    public StateChange perform(InstanceAction action, AccountRegion where, String id, InstanceState before,
                               Ec2Caller caller, boolean hibernate) {
        return switch (action) {
            case START -> {
                var response = act(where, client -> client.startInstances(r -> r.instanceIds(id)
                        .overrideConfiguration(asOperator(where, caller))));
                yield change(response.startingInstances(), id, before, response.responseMetadata().requestId());
            }
            case STOP -> {
                var response = act(where, client -> client.stopInstances(r -> r.instanceIds(id)
                        .hibernate(hibernate ? Boolean.TRUE : null).overrideConfiguration(asOperator(where, caller))));
                yield change(response.stoppingInstances(), id, before, response.responseMetadata().requestId());
            }
            case TERMINATE -> {
                var response = act(where, client -> client.terminateInstances(r -> r.instanceIds(id)
                        .overrideConfiguration(asOperator(where, caller))));
                yield change(response.terminatingInstances(), id, before, response.responseMetadata().requestId());
            }
            case REBOOT -> {
                // RebootInstances reports no state: the instance stays in the state it had.
                var response = act(where, client -> client.rebootInstances(r -> r.instanceIds(id)
                        .overrideConfiguration(asOperator(where, caller))));
                yield new StateChange(before, before, response.responseMetadata().requestId());
            }
        };
    }

    private List<Instance> describe(AccountRegion where, Ec2Caller caller, DescribeInstancesRequest.Builder request,
                                    Runnable beforeEachCall) {
        DescribeInstancesRequest first = request.overrideConfiguration(asCaller(where, caller)).build();
        return call(where, client -> {
            List<Instance> instances = new ArrayList<>();
            String token = null;
            do {
                beforeEachCall.run();
                DescribeInstancesResponse page = client.describeInstances(first.toBuilder().nextToken(token).build());
                token = page.nextToken();
                for (Reservation reservation : page.reservations()) {
                    for (var instance : reservation.instances()) {
                        instances.add(toInstance(instance, where));
                    }
                }
            } while (token != null && !token.isEmpty());
            return instances;
        });
    }

    static Instance toInstance(software.amazon.awssdk.services.ec2.model.Instance sdk, AccountRegion where) {
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
                where.region(), blankToNull(sdk.privateIpAddress()), blankToNull(sdk.publicIpAddress()),
                blankToNull(sdk.privateDnsName()), blankToNull(sdk.publicDnsName()), sdk.launchTime(),
                platform(sdk), sdk.imageId(), tags, tags.get(Instance.AUTO_SCALING_GROUP_TAG),
                where.accountId(), where.account().name(), blankToNull(sdk.vpcId()), blankToNull(sdk.subnetId()),
                blankToNull(sdk.keyName()), sdk.iamInstanceProfile() == null ? null : sdk.iamInstanceProfile().arn(),
                sdk.securityGroups().stream().map(g -> new Instance.SecurityGroup(g.groupId(), g.groupName())).toList(),
                blankToNull(sdk.rootDeviceName()), sdk.rootDeviceTypeAsString(),
                sdk.blockDeviceMappings().stream().filter(m -> m.ebs() != null)
                        .map(m -> new Instance.Volume(m.deviceName(), m.ebs().volumeId(), m.ebs().statusAsString(),
                                Boolean.TRUE.equals(m.ebs().deleteOnTermination()))).toList(),
                sdk.networkInterfaces().stream()
                        .map(n -> new Instance.NetworkInterface(n.networkInterfaceId(),
                                n.attachment() == null || n.attachment().deviceIndex() == null ? 0 : n.attachment().deviceIndex(),
                                blankToNull(n.subnetId()), blankToNull(n.privateIpAddress()),
                                n.association() == null ? null : blankToNull(n.association().publicIp()),
                                blankToNull(n.macAddress()), n.statusAsString()))
                        .sorted(java.util.Comparator.comparingInt(Instance.NetworkInterface::deviceIndex)).toList(),
                null, null, null);
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

    /** A read: the application's own session in the account, and the caller's name in the user agent. */
    private AwsRequestOverrideConfiguration asCaller(AccountRegion where, Ec2Caller caller) {
        return AwsRequestOverrideConfiguration.builder()
                .credentialsProvider(sessions.service(where.account()))
                .addApiName(ApiName.builder().name(USER_AGENT_NAME).version(caller.label()).build())
                .build();
    }

    /** A state-changing call: the operator's own session (SourceIdentity names them) when made for one. */
    private AwsRequestOverrideConfiguration asOperator(AccountRegion where, Ec2Caller caller) {
        return AwsRequestOverrideConfiguration.builder()
                .credentialsProvider(caller.operator() == null ? sessions.service(where.account())
                        : sessions.operator(where.account(), caller.operator()))
                .addApiName(ApiName.builder().name(USER_AGENT_NAME).version(caller.label()).build())
                .build();
    }

    /**
     * A state-changing call: as {@link #call}, but an answer that does not show EC2 left the
     * instance alone — an internal error (500, 502, 504), or any answer after an earlier attempt
     * that may have acted ({@link AttemptLedger}) — is an unknown outcome, never a refusal.
     */
    private <T> T act(AccountRegion where, Function<Ec2Client, T> request) {
        try {
            return call(where, request);
        } catch (Ec2CallException e) {
            if (!e.outcomeUnknown() && e.getCause() instanceof Ec2Exception answer && mayHaveActed(answer)) {
                throw new Ec2OutcomeUnknownException(e.code(), "EC2 in " + where + " answered " + e.code()
                        + " (" + answer.statusCode() + ") " + (AttemptLedger.earlierAttemptMayHaveActed(answer)
                        ? "after an earlier attempt that got no answer" : "failing inside")
                        + "; whether it acted is unknown: " + e.getMessage(), e.awsRequestId(), answer);
            }
            throw e;
        }
    }

    /** Whether EC2 may have acted despite answering with an error ({@link AttemptLedger#mayHaveActed}, or its InternalError). */
    static boolean mayHaveActed(Ec2Exception answer) {
        String code = answer.awsErrorDetails() == null ? null : answer.awsErrorDetails().errorCode();
        return "InternalError".equals(code) || AttemptLedger.mayHaveActed(answer);
    }

    private <T> T call(AccountRegion where, Function<Ec2Client, T> request) {
        String region = where.region();
        Ec2Client client = client(region);
        try {
            return request.apply(client);
        } catch (Ec2Exception e) {
            throw translate(e);
        } catch (SdkException e) {
            StsException refusal = stsRefusal(e);
            if (refusal != null) {
                throw new AccountAccessDeniedException(where, refusal.awsErrorDetails() == null ? refusal.getMessage()
                        : refusal.awsErrorDetails().errorCode() + ": " + refusal.awsErrorDetails().errorMessage(), e);
            }
            throw unreachable(where, e);
        }
    }

    /** STS's refusal to give credentials for the account, wherever the SDK wrapped it. */
    private static StsException stsRefusal(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StsException sts) {
                return sts;
            }
        }
        return null;
    }

    private static Ec2CallException unreachable(AccountRegion where, SdkException e) {
        if (e instanceof SdkClientException) {
            return new Ec2UnreachableException("EC2 in " + where + " did not answer: " + e.getMessage(), e);
        }
        return new Ec2UnavailableException("Ec2Unavailable", "EC2 in " + where + " failed: " + e.getMessage(), null, e);
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
            // the instance as it is does not allow the action (UnsupportedHibernationConfiguration: not
            // configured for hibernation at launch): a conflict with its state, not EC2 failing
            case "IncorrectInstanceState", "IncorrectState", "UnsupportedOperation", "UnsupportedHibernationConfiguration" ->
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
                .credentialsProvider(AnonymousCredentialsProvider.create()) // every request brings its own
                .httpClient(http)
                // throttled calls back off as the SDK's standard strategy does
                .overrideConfiguration(timeouts.toBuilder().retryStrategy(RetryMode.STANDARD)
                        .addExecutionInterceptor(new AttemptLedger()).build());
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
