package com.ec2manager.localaws.ec2;

import java.time.Instant;

/**
 * One authenticated request as the operations see it.
 *
 * @param requestId the request id echoed in the response
 * @param action    the operation name, e.g. {@code DescribeInstances}
 * @param region    the region from the SigV4 credential scope
 * @param params    the query parameters
 * @param now       the emulator clock's time when the request arrived
 * @param accountId the account the request acts in
 */
record Ec2Request(String requestId, String action, String region, QueryParameters params, Instant now,
                  String accountId) {

    boolean dryRun() {
        return params.flag("DryRun");
    }
}
