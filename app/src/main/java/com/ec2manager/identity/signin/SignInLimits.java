package com.ec2manager.identity.signin;

import java.util.Locale;
import java.util.Optional;

import com.ec2manager.identity.cognito.TooManyAttemptsException;
import com.ec2manager.limits.AttemptThrottle;

/**
 * The lock-out policy of signing in: failed attempts (wrong password, wrong TOTP code, unknown
 * or disabled account — all alike) are counted per account and per client address, and either
 * count past its free attempts makes the next attempt wait (backoff, see {@link AttemptThrottle}).
 * Unknown accounts are counted exactly like existing ones, so that the answers do not tell them apart.
 */
public final class SignInLimits {

    private final AttemptThrottle perAccount;
    private final AttemptThrottle perAddress;

    public SignInLimits(AttemptThrottle perAccount, AttemptThrottle perAddress) {
        this.perAccount = perAccount;
        this.perAddress = perAddress;
    }

    /** Empty when the attempt may go ahead; else the longer of the two waits. */
    Optional<AttemptThrottle.Refusal> check(String email, String address) {
        Optional<AttemptThrottle.Refusal> account = perAccount.check(accountKey(email));
        Optional<AttemptThrottle.Refusal> origin = perAddress.check(addressKey(address));
        if (account.isEmpty()) {
            return origin;
        }
        if (origin.isEmpty()) {
            return account;
        }
        return Optional.of(new AttemptThrottle.Refusal(account.get().retryAfter().compareTo(origin.get().retryAfter()) >= 0
                ? account.get().retryAfter() : origin.get().retryAfter(), account.get().first() || origin.get().first()));
    }

    /** Refuses (429) while the account or the address must wait. */
    public void throttle(String email, String address) {
        if (check(email, address).isPresent()) {
            throw new TooManyAttemptsException(SignInService.WAIT);
        }
    }

    public void failed(String email, String address) {
        perAccount.failed(accountKey(email));
        perAddress.failed(addressKey(address));
    }

    /** A sign-in went through: the account's count starts again (the address's does not, or one account of an attacker's own would reset it). */
    void succeeded(String email) {
        perAccount.succeeded(accountKey(email));
    }

    private static String accountKey(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return address == null ? "" : address;
    }
}
