package com.ec2manager.audit;

import com.ec2manager.identity.CognitoGateway;
import com.ec2manager.identity.UserNotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Turns a request's {@link AuditFilter} into an {@link AuditQuery}. People know e-mail
 * addresses while the table is keyed by the Cognito id, so a {@code userId} that is an e-mail
 * address is looked up first; an unknown address is bad input.
 */
@Component
class AuditFilterResolver {

    private final ObjectProvider<CognitoGateway> cognito;

    AuditFilterResolver(ObjectProvider<CognitoGateway> cognito) {
        this.cognito = cognito;
    }

    AuditQuery toQuery(AuditFilter filter) {
        String user = filter.userId();
        CognitoGateway gateway = cognito.getIfAvailable();
        if (user == null || !user.contains("@") || gateway == null) {
            return filter.toQuery();
        }
        try {
            return filter.withUserId(gateway.user(user).sub()).toQuery();
        } catch (UserNotFoundException e) {
            throw new InvalidAuditQueryException("No user has the e-mail address " + AuditFilter.printable(user) + ".");
        }
    }
}
