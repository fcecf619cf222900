package com.ec2manager.localaws.ec2;

import java.io.IOException;

import com.ec2manager.localaws.cloudtrail.CloudTrailHttpHandler;
import com.ec2manager.localaws.sts.SigV4Credential;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * One port, three services, told apart as AWS's own endpoints would never need to: the JSON
 * protocol's {@code X-Amz-Target} selects CloudTrail, a SigV4 scope naming {@code sts} selects
 * STS, anything else is EC2 (which answers unsigned requests with AuthFailure).
 */
final class ServiceRouter implements HttpHandler {

    private final HttpHandler ec2;
    private final HttpHandler sts;
    private final HttpHandler cloudTrail;

    ServiceRouter(HttpHandler ec2, HttpHandler sts, HttpHandler cloudTrail) {
        this.ec2 = ec2;
        this.sts = sts;
        this.cloudTrail = cloudTrail;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null && target.startsWith(CloudTrailHttpHandler.TARGET_PREFIX)) {
            cloudTrail.handle(exchange);
            return;
        }
        String service = SigV4Credential.parse(exchange.getRequestHeaders().getFirst("Authorization"), null)
                .map(SigV4Credential::service).orElse("ec2");
        (service.equals("sts") ? sts : ec2).handle(exchange);
    }
}
