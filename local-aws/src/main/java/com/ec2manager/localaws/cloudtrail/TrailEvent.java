package com.ec2manager.localaws.cloudtrail;

import java.time.Instant;
import java.util.List;

import com.ec2manager.localaws.sts.Principal;

/**
 * One management event as CloudTrail records it.
 *
 * @param eventId     a unique id
 * @param eventName   the API operation, e.g. {@code StopInstances}
 * @param eventSource e.g. {@code ec2.amazonaws.com}
 * @param eventTime   when the call arrived
 * @param region      the region called
 * @param principal   who called (its account is the event's account)
 * @param resources   the instance ids named by the call
 * @param userAgent   the caller's User-Agent
 * @param sourceIp    the caller's address
 * @param requestId   the request id the answer carried
 * @param errorCode   the error the call was answered with, or null when it succeeded
 */
public record TrailEvent(String eventId, String eventName, String eventSource, Instant eventTime, String region,
                         Principal principal, List<String> resources, String userAgent, String sourceIp,
                         String requestId, String errorCode) {

    public TrailEvent {
        resources = List.copyOf(resources);
    }

    public String accountId() {
        return principal.accountId();
    }
}
