package com.ec2manager.identity.cognito;

import java.util.Optional;

import com.ec2manager.audit.PersonDirectory;
import org.springframework.stereotype.Component;

/** The people Cognito knows now, for the audit log's filter by e-mail address. */
@Component
class CognitoPersonDirectory implements PersonDirectory {

    private final CognitoGateway cognito;

    CognitoPersonDirectory(CognitoGateway cognito) {
        this.cognito = cognito;
    }

    @Override
    public Optional<String> idOf(String email) {
        try {
            return Optional.ofNullable(cognito.user(email).sub());
        } catch (UserNotFoundException gone) {
            return Optional.empty();
        }
    }
}
