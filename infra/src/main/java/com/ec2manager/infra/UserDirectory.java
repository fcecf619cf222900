package com.ec2manager.infra;

import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.ICustomAttribute;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.cognito.IUserPoolClient;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardAttribute;
import software.amazon.awscdk.services.cognito.StandardAttributes;
import software.amazon.awscdk.services.cognito.StringAttribute;
import software.amazon.awscdk.services.cognito.UserInvitationConfig;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * The Cognito user pool exactly as the seed defines it, its two groups and the server's app client.
 *
 * <p>The groups mirror {@code custom:role}: access tokens carry {@code cognito:groups} but not custom
 * attributes, so the application reads the role from the groups it keeps in lockstep with the attribute.
 */
public final class UserDirectory extends Construct {

    public static final String ADMIN_GROUP = "admin";
    public static final String READONLY_GROUP = "readonly";

    /*
     * Token lifetimes. A JWT stays valid at every resource server until it expires, whatever sign-out or
     * disabling happens meanwhile, so access and ID tokens live 30 minutes: short enough that a disabled
     * operator loses the API quickly, long enough that the server refreshes rarely. The refresh token
     * lasts 10 hours, one working shift: a person signs in (and passes MFA) once a day, and a stolen
     * refresh token dies by the next morning. Token revocation is on so that sign-out kills it at once.
     */
    static final Duration ACCESS_TOKEN_VALIDITY = Duration.minutes(30);
    static final Duration ID_TOKEN_VALIDITY = Duration.minutes(30);
    static final Duration REFRESH_TOKEN_VALIDITY = Duration.hours(10);

    private final UserPool userPool;
    private final UserPoolClient serverClient;
    private final Secret clientSecret;

    public UserDirectory(Construct scope, String id) {
        super(scope, id);
        userPool = UserPool.Builder.create(this, "UserPool")
                .userPoolName("ec2-manager-users")
                // operators are created by an admin, never by themselves
                .selfSignUpEnabled(false)
                // the e-mail address is the username
                .signInAliases(SignInAliases.builder().email(true).build())
                .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
                .standardAttributes(StandardAttributes.builder()
                        .email(attribute(true, false))
                        .givenName(attribute(true, true))
                        .familyName(attribute(true, true))
                        .build())
                // Cognito cannot make a custom attribute required or constrain it to an enum: the application
                // refuses a user without a valid role. Attribute definitions cannot change later, so no
                // length limits that a future role name could outgrow.
                .customAttributes(Map.<String, ICustomAttribute>of(
                        "role", StringAttribute.Builder.create().mutable(false).build(),
                        "department", StringAttribute.Builder.create().mutable(true).build()))
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(12)
                        .requireUppercase(true)
                        .requireLowercase(true)
                        .requireDigits(true)
                        .requireSymbols(true)
                        .tempPasswordValidity(Duration.days(7))
                        .build())
                .mfa(Mfa.OPTIONAL)
                // authenticator apps only: SMS needs an SNS role and spending limits, and is phishable
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                .userInvitation(UserInvitationConfig.builder()
                        .emailSubject("Your EC2 Manager account")
                        .emailBody("An EC2 Manager account was created for you. Sign in with {username} and the "
                                + "temporary password {####} within 7 days; you will then choose your own password.")
                        .build())
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        UserPoolGroup.Builder.create(this, "AdminGroup")
                .userPool(userPool)
                .groupName(ADMIN_GROUP)
                .description("May see and act on instances, and administer users")
                .precedence(0)
                .build();
        UserPoolGroup.Builder.create(this, "ReadonlyGroup")
                .userPool(userPool)
                .groupName(READONLY_GROUP)
                .description("May see instances and the audit trail")
                .precedence(1)
                .build();

        serverClient = userPool.addClient("ServerClient", UserPoolClientOptions.builder()
                .userPoolClientName("ec2-manager-server")
                // a confidential client: only the server, which throttles and audits, can start a sign-in
                .generateSecret(true)
                .authFlows(AuthFlow.builder().userPassword(true).build())
                // no hosted UI and no OAuth redirects: the server signs people in through the API
                .disableOAuth(true)
                .preventUserExistenceErrors(true)
                .enableTokenRevocation(true)
                .accessTokenValidity(ACCESS_TOKEN_VALIDITY)
                .idTokenValidity(ID_TOKEN_VALIDITY)
                .refreshTokenValidity(REFRESH_TOKEN_VALIDITY)
                .build());

        // the client secret goes straight from Cognito into Secrets Manager: it never appears in a template
        clientSecret = Secret.Builder.create(this, "ClientSecret")
                .description("EC2 Manager: the Cognito app client's secret")
                .secretStringValue(serverClient.getUserPoolClientSecret())
                .build();
    }

    public IUserPool userPool() {
        return userPool;
    }

    public IUserPoolClient serverClient() {
        return serverClient;
    }

    public ISecret clientSecret() {
        return clientSecret;
    }

    private static StandardAttribute attribute(boolean required, boolean mutable) {
        return StandardAttribute.builder().required(required).mutable(mutable).build();
    }
}
