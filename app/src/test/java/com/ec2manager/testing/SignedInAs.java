package com.ec2manager.testing;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import java.time.Instant;
import java.util.List;

import com.ec2manager.identity.Operator;
import com.ec2manager.identity.OperatorAuthentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A MockMvc request made by a signed-in operator, authenticated exactly as the application's
 * own filters leave it (an {@link OperatorAuthentication} from a Cognito access token), without
 * going through Cognito.
 */
public final class SignedInAs {

    private SignedInAs() {
    }

    /** The operator {@code userId} with this e-mail address, in the Cognito group {@code group}. */
    public static RequestPostProcessor operator(String userId, String email, String group) {
        Jwt accessToken = Jwt.withTokenValue("test-access-token").header("alg", "RS256")
                .subject(userId).claim("username", email).claim("token_use", "access")
                .claim("cognito:groups", List.of(group))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(3600)).build();
        return authentication(new OperatorAuthentication(Operator.fromAccessToken(accessToken, email), accessToken));
    }
}
