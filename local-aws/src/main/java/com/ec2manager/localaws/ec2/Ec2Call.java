package com.ec2manager.localaws.ec2;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request the emulator received, recorded before it is acted on (and before any injected
 * fault), so that a test can assert what EC2 saw and in which order relative to other events.
 *
 * @param requestId   the request id the response carries
 * @param operation   the {@code Action}, e.g. {@code StopInstances}; empty when the request had none
 * @param region      the region of the SigV4 credential scope, or null for an unsigned request
 * @param instanceIds the instance ids named ({@code InstanceId.N}, or {@code ResourceId.N} for tags)
 * @param userAgent   the {@code User-Agent} header, or an empty string
 * @param receivedAt  the emulator clock's time of arrival
 * @param parameters  every query parameter as sent
 * @param accountId   the account the signing credentials act in, or null for an unsigned request
 * @param sourceIdentity the STS SourceIdentity of the signing session, or null
 */
public record Ec2Call(String requestId, String operation, String region, List<String> instanceIds, String userAgent,
                      Instant receivedAt, Map<String, String> parameters, String accountId,
                      String sourceIdentity) {

    private static final Set<String> MUTATING = Set.of("StartInstances", "StopInstances", "RebootInstances",
            "TerminateInstances", "CreateTags", "DeleteTags");

    public Ec2Call {
        instanceIds = List.copyOf(instanceIds);
        parameters = Map.copyOf(parameters);
    }

    /** Whether the operation changes instances (start, stop, reboot, terminate, tags). */
    public boolean mutating() {
        return MUTATING.contains(operation);
    }
}
