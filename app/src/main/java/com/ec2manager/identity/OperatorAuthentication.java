package com.ec2manager.identity;


import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A request authenticated by a verified Cognito access token, from the Bearer header or from
 * the web session; the principal is the {@link Operator}, the authorities its roles.
 */
public final class OperatorAuthentication extends AbstractAuthenticationToken {

    private final Operator operator;
    private final Jwt accessToken;

    public OperatorAuthentication(Operator operator, Jwt accessToken) {
        super(operator.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList());
        this.operator = operator;
        this.accessToken = accessToken;
        setAuthenticated(true);
    }

    @Override
    public Operator getPrincipal() {
        return operator;
    }

    /** The access token; never shown. */
    @Override
    public Object getCredentials() {
        return accessToken.getTokenValue();
    }

    public Jwt accessToken() {
        return accessToken;
    }

    @Override
    public String getName() {
        return operator.userId();
    }

}
