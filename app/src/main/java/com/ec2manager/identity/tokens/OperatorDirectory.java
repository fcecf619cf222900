package com.ec2manager.identity.tokens;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.ec2manager.identity.cognito.CognitoGateway;
import com.ec2manager.identity.Operator;
import com.ec2manager.identity.OperatorAuthentication;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Turns a verified access token into the {@link Operator}. Access tokens carry no e-mail
 * address, so it is looked up once per person and remembered: the pool makes e-mail immutable.
 */
public class OperatorDirectory {

    private static final Logger log = LoggerFactory.getLogger(OperatorDirectory.class);
    private static final int CAPACITY = 10_000;

    private final CognitoGateway cognito;
    private final Map<String, String> emails = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CAPACITY;
        }
    });

    public OperatorDirectory(CognitoGateway cognito) {
        this.cognito = cognito;
    }

    public OperatorAuthentication authenticate(Jwt accessToken, String knownEmail) {
        String sub = accessToken.getSubject();
        String email = knownEmail;
        if (email == null || email.isBlank()) {
            email = emails.get(sub);
        }
        if (email == null) {
            email = lookUp(sub).orElse(accessToken.getClaimAsString("username"));
        }
        if (knownEmail != null && !knownEmail.isBlank()) {
            emails.put(sub, knownEmail);
        }
        Operator operator = Operator.fromAccessToken(accessToken, email);
        return new OperatorAuthentication(operator, accessToken);
    }

    private java.util.Optional<String> lookUp(String sub) {
        try {
            var email = cognito.emailOf(sub);
            email.ifPresent(found -> emails.put(sub, found));
            return email;
        } catch (RuntimeException e) {
            log.warn("cannot look up the e-mail address of {}: {}", sub, e.toString());
            return java.util.Optional.empty();
        }
    }
}
