package com.ec2manager.localaws.cognito;

import static com.ec2manager.localaws.cognito.EmulatorFixture.PASSWORD;
import static com.ec2manager.localaws.cognito.EmulatorFixture.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.EnableSoftwareTokenMfaException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordResetRequiredException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenResponseType;

class CognitoSignInIT {

    @TempDir
    static Path dataDir;
    static EmulatorFixture fx;

    @BeforeAll
    static void start() {
        fx = new EmulatorFixture(dataDir);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void theSeededAdminSignsInWithThePasswordAndGetsAllThreeTokens() {
        SeedUser admin = fx.emulator.seededUsers().get(0);
        AuthenticationResultType tokens = fx.signIn(admin.email(), admin.password());
        assertThat(tokens.tokenType()).isEqualTo("Bearer");
        assertThat(tokens.expiresIn()).isEqualTo(3600);
        assertThat(tokens.idToken()).isNotBlank();
        assertThat(tokens.accessToken()).isNotBlank();
        assertThat(tokens.refreshToken()).isNotBlank();
        var user = fx.cognito.getUser(r -> r.accessToken(tokens.accessToken()));
        assertThat(user.username()).isEqualTo("admin@example.com");
        assertThat(user.userAttributes()).anySatisfy(a -> {
            assertThat(a.name()).isEqualTo("custom:role");
            assertThat(a.value()).isEqualTo("admin");
        });
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        String email = fx.confirmedUser("wrong", "readonly");
        assertThatThrownBy(() -> fx.initiate(email, "Not-The-Password-1!"))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
        assertThatThrownBy(() -> fx.initiate("nobody@example.com", PASSWORD))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
    }

    @Test
    void theFirstSignInWithTheEmailedTemporaryPasswordRequiresANewPasswordThatFollowsThePolicy() {
        String email = uniqueEmail("first");
        fx.cognito.adminCreateUser(r -> r.userPoolId(fx.poolId()).username(email)
                .desiredDeliveryMediumsWithStrings("EMAIL")
                .userAttributes(EmulatorFixture.attr("email", email), EmulatorFixture.attr("email_verified", "true"),
                        EmulatorFixture.attr("given_name", "Lin"), EmulatorFixture.attr("family_name", "Chen"),
                        EmulatorFixture.attr("custom:role", "readonly")));
        OutboxMessage invitation = fx.emulator.outbox().latestTo(email).orElseThrow();
        assertThat(invitation.subject()).isEqualTo("Your temporary password");
        Matcher m = Pattern.compile("temporary password is (\\S+)\\.$").matcher(invitation.body());
        assertThat(m.find()).as(invitation.body()).isTrue();
        String temporary = m.group(1);

        InitiateAuthResponse challenge = fx.initiate(email, temporary);
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        assertThat(challenge.authenticationResult()).isNull();
        assertThat(challenge.challengeParameters()).containsEntry("requiredAttributes", "[]")
                .containsEntry("USER_ID_FOR_SRP", email);
        assertThat(challenge.challengeParameters().get("userAttributes")).contains("\"email\":\"" + email + "\"");

        assertThatThrownBy(() -> newPassword(email, challenge.session(), "tooweak"))
                .isInstanceOf(InvalidPasswordException.class)
                .hasMessageStartingWith("Password did not conform with policy: Password not long enough");
        RespondToAuthChallengeResponse done = newPassword(email, challenge.session(), "Brand-New-Pass-7!");
        assertThat(done.authenticationResult().accessToken()).isNotBlank();
        assertThat(fx.cognito.adminGetUser(r -> r.userPoolId(fx.poolId()).username(email)).userStatusAsString())
                .isEqualTo("CONFIRMED");

        assertThatThrownBy(() -> newPassword(email, challenge.session(), "Another-Pass-77!"))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid session for the user.");
        assertThat(fx.signIn(email, "Brand-New-Pass-7!").accessToken()).isNotBlank();
    }

    @Test
    void aChallengeSessionExpiresAfterThreeMinutes() {
        String email = fx.createUser(uniqueEmail("slow"), "readonly", "Temporary-Pass-1!");
        String session = fx.initiate(email, "Temporary-Pass-1!").session();
        fx.clock.advance(Duration.ofMinutes(3).plusSeconds(1));
        assertThatThrownBy(() -> newPassword(email, session, "Brand-New-Pass-7!"))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageStartingWith("Invalid session for the user, session is expired.");
    }

    @Test
    void theTemporaryPasswordExpiresAfterSevenDaysUntilAnAdministratorResendsOne() {
        String email = fx.createUser(uniqueEmail("late"), "readonly", "Temporary-Pass-1!");
        fx.clock.advance(Duration.ofDays(7).minusMinutes(1));
        assertThat(fx.initiate(email, "Temporary-Pass-1!").challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        fx.clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> fx.initiate(email, "Temporary-Pass-1!"))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageStartingWith("Temporary password has expired and must be reset by an administrator.");

        fx.cognito.adminCreateUser(r -> r.userPoolId(fx.poolId()).username(email).messageAction("RESEND"));
        String resent = fx.emulator.outbox().latestTo(email).orElseThrow().body().replaceAll(".*temporary password is (\\S+)\\.$", "$1");
        assertThat(fx.initiate(email, resent).challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
    }

    @Test
    void thePasswordIsCheckedBeforeAnyChallenge() {
        String email = fx.createUser(uniqueEmail("guess"), "readonly", "Temporary-Pass-1!");
        assertThatThrownBy(() -> fx.initiate(email, "Temporary-Pass-2!"))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
    }

    @Test
    void fromTheFifthFailureInARowTheUserIsLockedOutForASecondDoublingWithEachFurtherFailure() {
        String email = fx.confirmedUser("locked", "readonly");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> fx.initiate(email, "Wrong-Password-1!"))
                    .hasMessageStartingWith("Incorrect username or password.");
        }
        assertLockedOut(email);
        fx.clock.advance(Duration.ofMillis(999));
        assertLockedOut(email);
        fx.clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> fx.initiate(email, "Wrong-Password-1!"))
                .hasMessageStartingWith("Incorrect username or password.");
        // the sixth failure locks for two seconds; attempts during a lock-out neither count nor lengthen it
        fx.clock.advance(Duration.ofSeconds(1));
        assertLockedOut(email);
        fx.clock.advance(Duration.ofSeconds(1));
        assertThat(fx.signIn(email, PASSWORD).accessToken()).isNotBlank();
        // and the successful sign-in starts the count again
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> fx.initiate(email, "Wrong-Password-1!"))
                    .hasMessageStartingWith("Incorrect username or password.");
        }
        assertThat(fx.signIn(email, PASSWORD).accessToken()).isNotBlank();
    }

    @Test
    void theLockOutGrowsToAtMostFifteenMinutesAndAQuarterHourWithoutFailuresForgetsTheCount() {
        String email = fx.confirmedUser("persistent", "readonly");
        for (int failure = 1; failure <= 20; failure++) {
            assertThatThrownBy(() -> fx.initiate(email, "Wrong-Password-1!"))
                    .hasMessageStartingWith("Incorrect username or password.");
            long lockout = failure < 5 ? 0 : Math.min(1L << (failure - 5), 900);
            if (lockout > 0) {
                fx.clock.advance(Duration.ofSeconds(lockout).minusMillis(1));
                assertLockedOut(email);
                fx.clock.advance(Duration.ofMillis(1));
            }
        }
        fx.clock.advance(Duration.ofMinutes(15));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> fx.initiate(email, "Wrong-Password-1!"))
                    .hasMessageStartingWith("Incorrect username or password.");
        }
        assertThat(fx.signIn(email, PASSWORD).accessToken()).isNotBlank();
    }

    private void assertLockedOut(String email) {
        assertThatThrownBy(() -> fx.initiate(email, PASSWORD))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Password attempts exceeded");
    }

    @Test
    void aSuccessfulSignInResetsTheFailureCount() {
        String email = fx.confirmedUser("careless", "readonly");
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> fx.initiate(email, "Wrong-Password-1!")).isInstanceOf(NotAuthorizedException.class);
        }
        fx.signIn(email, PASSWORD);
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> fx.initiate(email, "Wrong-Password-1!")).isInstanceOf(NotAuthorizedException.class);
        }
        assertThat(fx.signIn(email, PASSWORD).accessToken()).isNotBlank();
    }

    @Test
    void aDisabledUserCannotSignInAndTheirTokensAreRevoked() {
        String email = fx.confirmedUser("disabled", "readonly");
        AuthenticationResultType tokens = fx.signIn(email, PASSWORD);
        fx.cognito.adminDisableUser(r -> r.userPoolId(fx.poolId()).username(email));
        assertThatThrownBy(() -> fx.initiate(email, PASSWORD))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("User is disabled.");
        assertThatThrownBy(() -> fx.cognito.getUser(r -> r.accessToken(tokens.accessToken())))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Access Token has been revoked");
        fx.cognito.adminEnableUser(r -> r.userPoolId(fx.poolId()).username(email));
        assertThat(fx.signIn(email, PASSWORD).accessToken()).isNotBlank();
    }

    @Test
    void totpEnrolmentThenEverySignInAsksForTheCode() {
        String email = fx.confirmedUser("mfa", "admin");
        String access = fx.signIn(email, PASSWORD).accessToken();
        String secret = fx.cognito.associateSoftwareToken(r -> r.accessToken(access)).secretCode();
        assertThat(secret).matches("[A-Z2-7]{32}");

        assertThatThrownBy(() -> fx.cognito.setUserMFAPreference(r -> r.accessToken(access)
                .softwareTokenMfaSettings(s -> s.enabled(true).preferredMfa(true))))
                .hasMessageStartingWith("User has not verified software token mfa");
        String wrong = Totp.code(secret, fx.clock.instant().plusSeconds(300));
        assertThatThrownBy(() -> fx.cognito.verifySoftwareToken(r -> r.accessToken(access).userCode(wrong)))
                .isInstanceOf(EnableSoftwareTokenMfaException.class);
        var verified = fx.cognito.verifySoftwareToken(r -> r.accessToken(access).userCode(Totp.code(secret, fx.clock.instant()))
                .friendlyDeviceName("phone"));
        assertThat(verified.status()).isEqualTo(VerifySoftwareTokenResponseType.SUCCESS);
        fx.cognito.setUserMFAPreference(r -> r.accessToken(access).softwareTokenMfaSettings(s -> s.enabled(true).preferredMfa(true)));
        assertThat(fx.cognito.getUser(r -> r.accessToken(access)).preferredMfaSetting()).isEqualTo("SOFTWARE_TOKEN_MFA");

        InitiateAuthResponse challenge = fx.initiate(email, PASSWORD);
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.SOFTWARE_TOKEN_MFA);
        assertThat(challenge.authenticationResult()).isNull();
        assertThatThrownBy(() -> mfa(email, challenge.session(), wrong))
                .isInstanceOf(CodeMismatchException.class).hasMessageStartingWith("Invalid code received for user");
        fx.clock.advance(Duration.ofSeconds(31)); // the enrolment's code may not be used again: the next step's
        RespondToAuthChallengeResponse done = mfa(email, challenge.session(), Totp.code(secret, fx.clock.instant()));
        assertThat(done.authenticationResult().accessToken()).isNotBlank();
        assertThatThrownBy(() -> mfa(email, challenge.session(), Totp.code(secret, fx.clock.instant())))
                .isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void aTotpCodeIsAcceptedOnceAndNotAgainWithinItsWindow() {
        String email = fx.confirmedUser("replay", "admin");
        String secret = enrolTotp(email);
        fx.clock.advance(Duration.ofSeconds(30));
        String code = Totp.code(secret, fx.clock.instant());
        assertThat(mfa(email, fx.initiate(email, PASSWORD).session(), code).authenticationResult().accessToken())
                .isNotBlank();

        fx.clock.advance(Duration.ofSeconds(10)); // still the same step: the code is valid, but seen already
        assertThatThrownBy(() -> mfa(email, fx.initiate(email, PASSWORD).session(), code))
                .isInstanceOf(CodeMismatchException.class);
        fx.clock.advance(Duration.ofSeconds(30));
        assertThat(mfa(email, fx.initiate(email, PASSWORD).session(), Totp.code(secret, fx.clock.instant()))
                .authenticationResult().accessToken()).isNotBlank();
    }

    @Test
    void wrongTotpCodesCountTowardTheLockOutAcrossSignIns() {
        String email = fx.confirmedUser("guesser", "admin");
        String secret = enrolTotp(email);
        String wrong = Totp.code(secret, fx.clock.instant().plusSeconds(600));
        String first = fx.initiate(email, PASSWORD).session();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> mfa(email, first, wrong)).isInstanceOf(CodeMismatchException.class);
        }
        String second = fx.initiate(email, PASSWORD).session(); // the right password does not wipe the count
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> mfa(email, second, wrong)).isInstanceOf(CodeMismatchException.class);
        }
        assertThatThrownBy(() -> fx.initiate(email, PASSWORD))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Password attempts exceeded");
        fx.clock.advance(Duration.ofMinutes(15));
        String third = fx.initiate(email, PASSWORD).session();
        assertThat(mfa(email, third, Totp.code(secret, fx.clock.instant())).authenticationResult().accessToken())
                .isNotBlank();
    }

    /** Enrols TOTP for the user with a first code of the current step; returns the secret. */
    private String enrolTotp(String email) {
        String access = fx.signIn(email, PASSWORD).accessToken();
        String secret = fx.cognito.associateSoftwareToken(r -> r.accessToken(access)).secretCode();
        fx.cognito.verifySoftwareToken(r -> r.accessToken(access).userCode(Totp.code(secret, fx.clock.instant())));
        fx.cognito.setUserMFAPreference(r -> r.accessToken(access).softwareTokenMfaSettings(s -> s.enabled(true).preferredMfa(true)));
        return secret;
    }

    @Test
    void refreshGivesNewAccessAndIdTokensFromTheSameSignIn() throws Exception {
        String email = fx.confirmedUser("refresh", "readonly");
        AuthenticationResultType first = fx.signIn(email, PASSWORD);
        fx.clock.advance(Duration.ofMinutes(10));
        AuthenticationResultType refreshed = refresh(first.refreshToken());
        assertThat(refreshed.refreshToken()).isNull();
        assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
        var before = SignedJWT.parse(first.accessToken()).getJWTClaimsSet();
        var after = SignedJWT.parse(refreshed.accessToken()).getJWTClaimsSet();
        assertThat(after.getStringClaim("origin_jti")).isEqualTo(before.getStringClaim("origin_jti"));
        assertThat(after.getLongClaim("auth_time")).isEqualTo(before.getLongClaim("auth_time"));
        assertThat(after.getIssueTime()).isAfter(before.getIssueTime());
        assertThat(after.getJWTID()).isNotEqualTo(before.getJWTID());
        assertThatThrownBy(() -> refresh("not-a-refresh-token"))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid Refresh Token");
    }

    @Test
    void anAccessTokenExpiresAfterAnHour() {
        String email = fx.confirmedUser("expiry", "readonly");
        String access = fx.signIn(email, PASSWORD).accessToken();
        fx.clock.advance(Duration.ofMinutes(59));
        assertThat(fx.cognito.getUser(r -> r.accessToken(access)).username()).isEqualTo(email);
        fx.clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> fx.cognito.getUser(r -> r.accessToken(access)))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Access Token has expired");
    }

    @Test
    void forgotPasswordSendsACodeThatSetsANewPasswordOnce() {
        String email = fx.confirmedUser("forgot", "readonly");
        var delivery = fx.cognito.forgotPassword(r -> r.clientId(fx.clientId()).username(email)).codeDeliveryDetails();
        assertThat(delivery.deliveryMediumAsString()).isEqualTo("EMAIL");
        assertThat(delivery.attributeName()).isEqualTo("email");
        assertThat(delivery.destination()).isEqualTo(email.charAt(0) + "***@e***");
        String code = codeFor(email);

        assertThatThrownBy(() -> confirm(email, wrongCode(code), "Recovered-Pass-1!"))
                .isInstanceOf(CodeMismatchException.class)
                .hasMessageStartingWith("Invalid verification code provided, please try again.");
        assertThatThrownBy(() -> confirm(email, code, "weakpassword"))
                .isInstanceOf(InvalidPasswordException.class);
        confirm(email, code, "Recovered-Pass-1!");
        assertThat(fx.signIn(email, "Recovered-Pass-1!").accessToken()).isNotBlank();
        assertThatThrownBy(() -> fx.initiate(email, PASSWORD)).isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> confirm(email, code, "Recovered-Pass-2!"))
                .isInstanceOf(ExpiredCodeException.class)
                .hasMessageStartingWith("Invalid code provided, please request a code again.");
    }

    @Test
    void aResetCodeExpiresAfterAnHour() {
        String email = fx.confirmedUser("stale", "readonly");
        fx.cognito.forgotPassword(r -> r.clientId(fx.clientId()).username(email));
        String code = codeFor(email);
        fx.clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> confirm(email, code, "Recovered-Pass-1!")).isInstanceOf(ExpiredCodeException.class);
        assertThat(fx.signIn(email, PASSWORD).accessToken()).isNotBlank();
    }

    @Test
    void forgotPasswordForAnUnknownUserLooksLikeSuccess() {
        var delivery = fx.cognito.forgotPassword(r -> r.clientId(fx.clientId()).username("ghost@example.com")).codeDeliveryDetails();
        assertThat(delivery.destination()).isEqualTo("g***@e***");
        assertThat(fx.emulator.outbox().latestTo("ghost@example.com")).isEmpty();
    }

    @Test
    void anAdministratorsResetForcesARecoveryWithTheEmailedCode() {
        String email = fx.confirmedUser("reset", "readonly");
        fx.cognito.adminResetUserPassword(r -> r.userPoolId(fx.poolId()).username(email));
        assertThat(fx.cognito.adminGetUser(r -> r.userPoolId(fx.poolId()).username(email)).userStatusAsString())
                .isEqualTo("RESET_REQUIRED");
        assertThatThrownBy(() -> fx.initiate(email, PASSWORD))
                .isInstanceOf(PasswordResetRequiredException.class).hasMessageStartingWith("Password reset required for the user");
        confirm(email, codeFor(email), "After-Reset-Pass-1!");
        assertThat(fx.signIn(email, "After-Reset-Pass-1!").accessToken()).isNotBlank();
    }

    @Test
    void changePasswordNeedsThePreviousOneAndFollowsThePolicy() {
        String email = fx.confirmedUser("change", "readonly");
        String access = fx.signIn(email, PASSWORD).accessToken();
        assertThatThrownBy(() -> fx.cognito.changePassword(r -> r.accessToken(access)
                .previousPassword("Wrong-Previous-1!").proposedPassword("Changed-Pass-12!")))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Incorrect username or password.");
        assertThatThrownBy(() -> fx.cognito.changePassword(r -> r.accessToken(access)
                .previousPassword(PASSWORD).proposedPassword("changedpass12!")))
                .isInstanceOf(InvalidPasswordException.class).hasMessageContaining("uppercase");
        fx.cognito.changePassword(r -> r.accessToken(access).previousPassword(PASSWORD).proposedPassword("Changed-Pass-12!"));
        assertThat(fx.signIn(email, "Changed-Pass-12!").accessToken()).isNotBlank();
    }

    @Test
    void globalSignOutRevokesEveryTokenIssuedBefore() {
        String email = fx.confirmedUser("signout", "admin");
        AuthenticationResultType laptop = fx.signIn(email, PASSWORD);
        AuthenticationResultType phone = fx.signIn(email, PASSWORD);
        fx.cognito.globalSignOut(r -> r.accessToken(laptop.accessToken()));
        for (AuthenticationResultType device : new AuthenticationResultType[] {laptop, phone}) {
            assertThatThrownBy(() -> fx.cognito.getUser(r -> r.accessToken(device.accessToken())))
                    .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Access Token has been revoked");
            assertThatThrownBy(() -> refresh(device.refreshToken()))
                    .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Refresh Token has been revoked");
        }
        AuthenticationResultType again = fx.signIn(email, PASSWORD);
        assertThat(fx.cognito.getUser(r -> r.accessToken(again.accessToken())).username()).isEqualTo(email);
    }

    @Test
    void revokeTokenRevokesThatRefreshTokenAndItsAccessTokensOnly() {
        String email = fx.confirmedUser("revoke", "readonly");
        AuthenticationResultType revoked = fx.signIn(email, PASSWORD);
        AuthenticationResultType kept = fx.signIn(email, PASSWORD);
        String refreshedAccess = refresh(revoked.refreshToken()).accessToken();
        fx.cognito.revokeToken(r -> r.clientId(fx.clientId()).token(revoked.refreshToken()));
        assertThatThrownBy(() -> refresh(revoked.refreshToken()))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Refresh Token has been revoked");
        for (String access : new String[] {revoked.accessToken(), refreshedAccess}) {
            assertThatThrownBy(() -> fx.cognito.getUser(r -> r.accessToken(access)))
                    .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Access Token has been revoked");
        }
        assertThat(fx.cognito.getUser(r -> r.accessToken(kept.accessToken())).username()).isEqualTo(email);
        assertThat(refresh(kept.refreshToken()).accessToken()).isNotBlank();
    }

    @Test
    void aForgedAccessTokenIsRefused() {
        String email = fx.confirmedUser("forged", "readonly");
        String access = fx.signIn(email, PASSWORD).accessToken();
        String[] parts = access.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertThatThrownBy(() -> fx.cognito.getUser(r -> r.accessToken(tampered)))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid Access Token");
        String id = fx.signIn(email, PASSWORD).idToken();
        assertThatThrownBy(() -> fx.cognito.getUser(r -> r.accessToken(id)))
                .isInstanceOf(NotAuthorizedException.class).hasMessageStartingWith("Invalid Access Token");
    }

    @Test
    void anUnknownClientIsNotFound() {
        assertThatThrownBy(() -> fx.cognito.initiateAuth(r -> r.clientId("nosuchclient0000000000000a")
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "a", "PASSWORD", "b"))))
                .isInstanceOfSatisfying(CognitoIdentityProviderException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException"));
        assertThatThrownBy(() -> fx.cognito.initiateAuth(r -> r.clientId(fx.clientId())
                .authFlow(AuthFlowType.USER_SRP_AUTH).authParameters(Map.of("USERNAME", "a", "SRP_A", "b"))))
                .hasMessageStartingWith("USER_SRP flow not enabled for this client");
    }

    private RespondToAuthChallengeResponse newPassword(String email, String session, String password) {
        return fx.cognito.respondToAuthChallenge(r -> r.clientId(fx.clientId())
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(session)
                .challengeResponses(Map.of("USERNAME", email, "NEW_PASSWORD", password)));
    }

    private RespondToAuthChallengeResponse mfa(String email, String session, String code) {
        return fx.cognito.respondToAuthChallenge(r -> r.clientId(fx.clientId())
                .challengeName(ChallengeNameType.SOFTWARE_TOKEN_MFA).session(session)
                .challengeResponses(Map.of("USERNAME", email, "SOFTWARE_TOKEN_MFA_CODE", code)));
    }

    private AuthenticationResultType refresh(String refreshToken) {
        return fx.cognito.initiateAuth(r -> r.clientId(fx.clientId()).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", refreshToken))).authenticationResult();
    }

    private void confirm(String email, String code, String password) {
        fx.cognito.confirmForgotPassword(r -> r.clientId(fx.clientId()).username(email).confirmationCode(code).password(password));
    }

    private static String codeFor(String email) {
        OutboxMessage message = fx.emulator.outbox().latestTo(email).orElseThrow();
        assertThat(message.subject()).isEqualTo("Your verification code");
        Matcher m = Pattern.compile("(\\d{6})").matcher(message.body());
        assertThat(m.find()).as(message.body()).isTrue();
        return m.group(1);
    }

    private static String wrongCode(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }
}
